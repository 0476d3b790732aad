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
    color_eyre::install()?;
    let cli = gremium::cli::Cli::parse();
    gremium::cli::run(cli)
}
