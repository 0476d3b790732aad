//! A small harness that runs the real binary in a pseudo-terminal and reads
//! its screen through a terminal emulator.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Generous: CI machines are shared and slow.
const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Terminal {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Terminal {
    /// Start `gremium` with `args` in a terminal of `cols` × `rows`, with the
    /// data and config directories pointed at `home`.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, home: &Path) -> Terminal {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gremium"));
        cmd.args(args);
        cmd.cwd(home);
        cmd.env("TERM", "xterm-256color");
        cmd.env("GREMIUM_DATA", home.join("data"));
        cmd.env("GREMIUM_CONFIG", home.join("config"));
        cmd.env("HOME", home);
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn gremium");
        drop(pair.slave);

        let size = |n: u16| std::num::NonZeroU16::new(n).expect("terminal size above zero");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let sink = Arc::clone(&parser);
        // The reader runs until the child closes the pty; it never blocks the
        // test, which only ever looks at the parsed screen.
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = sink.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        Terminal { parser, writer, child, _master: pair.master }
    }

    /// Kill the program with SIGKILL, as a crash or power loss would end it.
    pub fn kill_hard(&mut self) {
        if let Some(pid) = self.child.process_id() {
            let _ = std::process::Command::new("kill").args(["-9", &pid.to_string()]).status();
        }
        let _ = self.wait_exit_any();
    }

    fn wait_exit_any(&mut self) -> Option<u32> {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.exit_code());
            }
            thread::sleep(Duration::from_millis(5));
        }
        None
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the program runs")
    }

    /// Send a signal (`"TERM"`, `"HUP"` …) to the program.
    pub fn signal(&self, name: &str) {
        if let Some(pid) = self.child.process_id() {
            let _ = std::process::Command::new("kill").args([&format!("-{name}"), &pid.to_string()]).status();
        }
    }

    /// What the program left the terminal in: alternate screen, hidden
    /// cursor, bracketed paste, mouse reporting — all `false` once it is
    /// restored.
    pub fn modes(&self) -> Modes {
        self.parser
            .lock()
            .map(|p| {
                let s = p.screen();
                Modes {
                    alternate_screen: s.alternate_screen(),
                    hidden_cursor: s.hide_cursor(),
                    bracketed_paste: s.bracketed_paste(),
                    mouse: s.mouse_protocol_mode() != vt100::MouseProtocolMode::None,
                }
            })
            .unwrap_or_default()
    }

    /// The modes once the output has been read to the end: the reader
    /// thread may still be parsing the last bytes when the program has
    /// exited, so this waits (up to the timeout) for `expected`.
    pub fn settled_modes(&self, expected: Modes) -> Modes {
        let start = Instant::now();
        loop {
            let modes = self.modes();
            if modes == expected || start.elapsed() > TIMEOUT {
                return modes;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the terminal's line discipline is back in cooked mode
    /// (canonical input and echo), as a shell expects it.
    pub fn cooked(&self) -> bool {
        let Some(fd) = self._master.as_raw_fd() else { return false };
        // SAFETY: `fd` is the open pty master owned by `self`; `termios` is a
        // plain C struct that tcgetattr fills in.
        unsafe {
            let mut termios: libc::termios = std::mem::zeroed();
            libc::tcgetattr(fd, &mut termios) == 0
                && termios.c_lflag & libc::ICANON != 0
                && termios.c_lflag & libc::ECHO != 0
        }
    }

    /// Wait until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while self.screen().contains(text) {
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {text:?} to go; the screen shows:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the program is stopped (state `T` in /proc), so that a
    /// SIGCONT cannot overtake the stop.
    pub fn wait_stopped(&self) {
        let Some(pid) = self.child.process_id() else { return };
        let start = Instant::now();
        loop {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // The state follows the command name in parentheses.
            let state = stat.rsplit_once(") ").and_then(|(_, rest)| rest.chars().next());
            if state == Some('T') {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("gremium did not stop: {stat}");
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Blank the emulator's screen, as a terminal garbled by other output
    /// would look: only a whole redraw brings the content back.
    pub fn garble(&self) {
        if let Ok(mut p) = self.parser.lock() {
            p.process(b"\x1b[2J\x1b[H");
        }
    }

    /// Tell the program the pty has `cols` × `rows` without resizing the
    /// emulator here (for sizes no emulator should allocate).
    pub fn report_size(&mut self, cols: u16, rows: u16) {
        let _ = self._master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 });
    }

    /// Resize the terminal, as a window manager would: the emulator first,
    /// so that whatever the program draws once it learns the new size lands
    /// on a screen of that size. (The other order let a program on a busy
    /// machine draw its new screen into the old emulator size, wrapped and
    /// scrolled, before the emulator was resized.)
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("terminal size above zero");
        if let Ok(mut p) = self.parser.lock() {
            p.screen_mut().set_size(size(rows), size(cols));
        }
        let _ = self._master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 });
    }

    pub fn screen(&self) -> String {
        self.parser.lock().map(|p| p.screen().contents()).unwrap_or_default()
    }

    /// Wait until the screen shows `text`; panic with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {text:?}; the screen shows:\n{screen}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Wait for the program to end and return its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("gremium did not exit; the screen shows:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Terminal modes a program can leave behind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Modes {
    pub alternate_screen: bool,
    pub hidden_cursor: bool,
    pub bracketed_paste: bool,
    pub mouse: bool,
}

impl Drop for Terminal {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
