use std::io::IsTerminal;

use clap::Parser;

fn main() -> color_eyre::Result<std::process::ExitCode> {
    // A closed pipe (`gremium schema | head`) ends the process quietly, as
    // it does any Unix tool, instead of a write error turning into a panic.
    #[cfg(unix)]
    // SAFETY: called first thing, before any other thread exists; it only
    // restores the default disposition of SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Writing past a file-size limit (`ulimit -f`) fails as a write that
    // is reported, here as in the screens, instead of SIGXFSZ ending the
    // process in the middle of writing the lock file or the record.
    #[cfg(unix)]
    signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    )?;
    // glibc grows a thread's heap by little at a time, one system call
    // that changes the memory map each time: 1,069 of them in an open of
    // 2,000 dossiers, while the other core faults in its own pages.
    // Growing by 8 MB at a time makes that 14 calls, cuts a few
    // milliseconds off the first frame, and leaves peak memory as it was
    // (docs/performance.md, "The heap's growth").
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: called before any other thread exists; it sets one number of
    // the allocator's.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 8 << 20);
    }
    // A crash report (a real bug) in colour only on a terminal, and never
    // under NO_COLOR.
    let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal();
    let hooks = color_eyre::config::HookBuilder::default();
    let hooks = if colour { hooks } else { hooks.theme(color_eyre::config::Theme::new()) };
    hooks.install()?;
    let cli = gremium::cli::Cli::parse();
    gremium::cli::run(cli)
}
