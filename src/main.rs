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
    // A crash report (a real bug) in colour only on a terminal, and never
    // under NO_COLOR.
    let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal();
    let hooks = color_eyre::config::HookBuilder::default();
    let hooks = if colour { hooks } else { hooks.theme(color_eyre::config::Theme::new()) };
    hooks.install()?;
    let cli = gremium::cli::Cli::parse();
    gremium::cli::run(cli)
}
