use clap::Parser;

fn main() -> color_eyre::Result<std::process::ExitCode> {
    color_eyre::install()?;
    let cli = gremium::cli::Cli::parse();
    gremium::cli::run(cli)
}
