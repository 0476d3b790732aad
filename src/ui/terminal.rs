//! The terminal the UI runs in: entered and left in one place, so that
//! every way out — quit, error, panic, SIGTERM, SIGHUP, SIGINT, SIGQUIT —
//! restores the main screen, the cursor, cooked mode, bracketed paste and
//! mouse capture, and SIGTSTP/`fg` leaves and re-enters with a whole redraw.
//!
//! The viewport is fixed to the terminal's size, capped at [`MAX_SIZE`], so
//! a terminal that reports an absurd size (65535×65535) costs no more
//! memory than a very large real one.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

/// The largest area drawn: far beyond any real screen, small enough that
/// the two buffers stay a few megabytes.
pub const MAX_SIZE: Size = Size { width: 1000, height: 500 };

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Whether mouse capture was switched on, so leaving switches it off.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// `size` capped at [`MAX_SIZE`].
pub fn capped(size: Size) -> Size {
    Size { width: size.width.min(MAX_SIZE.width), height: size.height.min(MAX_SIZE.height) }
}

/// The terminal's size now, capped; 80×24 when it cannot be read.
pub fn current_size() -> Size {
    let (w, h) = crossterm::terminal::size().unwrap_or((80, 24));
    capped(Size::new(w, h))
}

/// Raw mode, the alternate screen, bracketed paste and (if wanted) mouse
/// capture; a panic hook that leaves them before the report is printed.
pub fn enter(mouse: bool) -> io::Result<Term> {
    install_panic_hook();
    enter_modes(mouse)?;
    let size = current_size();
    let backend = CrosstermBackend::new(io::stdout());
    Terminal::with_options(
        backend,
        TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, size.width, size.height)) },
    )
}

fn enter_modes(mouse: bool) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste, cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    MOUSE.store(mouse, Ordering::SeqCst);
    Ok(())
}

/// Back to the shell's terminal. Safe to call more than once and from a
/// failing state: every step is tried, errors are ignored.
pub fn leave() {
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Resize the viewport to the terminal's (capped) size and redraw it whole.
pub fn redraw_whole(terminal: &mut Term, size: Size) -> io::Result<()> {
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// What a signal asks of the event loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalAction {
    /// Leave the terminal and exit with this code (128 + the signal).
    Exit(i32),
    /// Leave the terminal, stop until `fg`, then enter it again.
    Suspend,
}

/// The signals the UI answers, collected in the background and handled by
/// the event loop between two events (never in the middle of recording).
pub struct SignalWatch {
    signals: Signals,
}

impl SignalWatch {
    pub fn install() -> io::Result<SignalWatch> {
        // A record append past a file-size limit (`ulimit -f`) must fail
        // as a write and be refused on screen, not end the process: with a
        // handler in place of SIGXFSZ's default, the write returns EFBIG.
        signal_hook::flag::register(signal_hook::consts::SIGXFSZ, Arc::new(AtomicBool::new(false)))?;
        Ok(SignalWatch { signals: Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])? })
    }

    /// The first pending signal, if any.
    pub fn pending(&mut self) -> Option<SignalAction> {
        self.signals.pending().next().map(|signal| match signal {
            SIGTSTP => SignalAction::Suspend,
            other => SignalAction::Exit(128 + other),
        })
    }
}

/// Leave the terminal, stop the process as SIGTSTP would, and on SIGCONT
/// enter the terminal again and redraw it whole.
pub fn suspend(terminal: &mut Term) -> io::Result<Size> {
    let mouse = MOUSE.load(Ordering::SeqCst);
    leave();
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    enter_modes(mouse)?;
    let size = current_size();
    redraw_whole(terminal, size)?;
    Ok(size)
}
