//! Command-line interface: clap definitions and the commands that need no
//! terminal UI.

mod apply;
mod ballots;
pub mod export;
mod integrity;
mod man;
mod open;
mod reading;
mod records;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::domain::Language;
use crate::load::{self, FsSource};
use crate::schema::SchemaKind;

#[derive(Debug, Parser)]
#[command(name = "gremium", version, about, long_about = None)]
pub struct Cli {
    /// Language of the screens and of messages that quote the session
    /// (defaults to the config's, else the session's language).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    De,
    En,
}

impl From<LangArg> for Language {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::De => Language::De,
            LangArg::En => Language::En,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a session: a session folder (holding session.json) or a session file.
    Open {
        /// The session folder or file; `demo` for the embedded demo session.
        path: PathBuf,
        /// The record folder to use instead of the one under the data directory.
        #[arg(long, value_name = "DIR")]
        record: Option<PathBuf>,
        /// Look at the session without recording anything (no lock taken).
        #[arg(long)]
        read_only: bool,
    },
    /// Open the embedded demo session (the same as no command at all, or
    /// `gremium open demo`).
    Demo {
        /// The record folder to use instead of the one under the data directory.
        #[arg(long, value_name = "DIR")]
        record: Option<PathBuf>,
        /// Look at the session without recording anything (no lock taken).
        #[arg(long)]
        read_only: bool,
    },
    /// Check session definitions, dossier files and folders; report every problem.
    Validate {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Treat warnings (unknown fields) as errors.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Write the results of a session: results.json, the lists as CSV, the
    /// minutes (Markdown and HTML), SHA256SUMS.
    ///
    /// Reads the session files and its record without taking the record's
    /// writer lock, so a running session may go on. A session not signed off
    /// exports as a draft. Signed when `gremium keygen` made a key.
    Export {
        /// The session folder (holding session.json) or the session file; `demo`
        /// for the embedded demo session.
        path: PathBuf,
        /// The record folder, if not the one under the data directory.
        #[arg(long, value_name = "DIR")]
        record: Option<PathBuf>,
        /// The folder to write into [default: ./<session id>-export]. It must
        /// be new, empty or hold a previous export and nothing else.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The CSV dialect: German Excel (`;`, BOM, decimal comma) or RFC 4180.
        #[arg(long, value_enum, default_value_t = CsvArg::ExcelDe)]
        csv: CsvArg,
    },
    /// Run the chair's commands from a file (gremium.commands/1) against
    /// the session's record.
    ///
    /// Takes the record's lock, checks each command as the screens do,
    /// records the accepted ones and prints each refusal as
    /// `file:line: message`. Exits 0 when all were accepted, 1 when any was
    /// refused (the accepted ones stay recorded), 2 when the files cannot be
    /// read or the record cannot be written. See docs/commands.md.
    Apply {
        /// The session folder (holding session.json) or the session file.
        path: PathBuf,
        /// The commands file: JSON Lines, `{"format": "gremium.commands/1"}` first.
        commands: PathBuf,
        /// The record folder, if not the one under the data directory.
        #[arg(long, value_name = "DIR")]
        record: Option<PathBuf>,
    },
    /// Take members' ballots (ballot-<member>.json, gremium.ballot/1) into
    /// the session's record.
    ///
    /// Each ballot is checked whole — the session, its input files (naming
    /// the one that differs), a voting member, criteria, values on the
    /// scale and step, the signature (required when the session lists the
    /// member's public key) — and then imported: its scores become the
    /// member's entries in the current round of each dossier, except where
    /// the member has a conflict, the round is revealed, or the member
    /// scored in the session (named). Exits 0 when every ballot was
    /// imported, 1 when any was refused, 2 when the session or the record
    /// cannot be read or written. See docs/ballots.md.
    ImportBallots {
        /// The session folder (holding session.json) or the session file.
        path: PathBuf,
        /// The ballot files.
        #[arg(required = true)]
        ballots: Vec<PathBuf>,
        /// The record folder, if not the one under the data directory.
        #[arg(long, value_name = "DIR")]
        record: Option<PathBuf>,
        /// Take a ballot in place of the member's ballot imported before.
        #[arg(long)]
        replace: bool,
    },
    /// Show the room what it may see of a running session (for a projector):
    /// the item being dealt with, its scoring (counts while blind), the last
    /// vote, the decided lists and the budget, live from the record.
    ///
    /// Reads the record the chair's gremium writes, without its lock, and
    /// follows what is appended; `q` ends it. See docs/follow.md.
    Follow {
        /// The session folder (holding session.json) or the session file;
        /// `demo` for the embedded demo session.
        path: PathBuf,
        /// The record folder, if not the one under the data directory.
        #[arg(long, value_name = "DIR")]
        record: Option<PathBuf>,
    },
    /// Review the dossiers before the session as a committee member: the
    /// dossier screens, your own score sheet (s), private notes (n) and
    /// remarks for the committee (A), kept in your own review record.
    ///
    /// The record is reviews/<session id>/<member id> under the data
    /// directory, apart from any session record. `gremium ballot` writes
    /// the ballot from it. See docs/ballots.md.
    Review {
        /// The session folder (holding session.json) or the session file.
        path: PathBuf,
        /// Your member id in the session.
        #[arg(long, value_name = "ID")]
        member: String,
        /// The review record folder, if not the one under the data directory.
        #[arg(long, value_name = "DIR")]
        record: Option<PathBuf>,
    },
    /// Write a member's ballot (ballot-<member>.json, gremium.ballot/1)
    /// from the member's review record.
    ///
    /// The scores and the remarks to share go in, private notes never;
    /// signed when `gremium keygen --member` made the member a key. The
    /// review record is reviews/<session id>/<member id> under the data
    /// directory (filled by `gremium apply … --record` with review
    /// commands). See docs/ballots.md.
    Ballot {
        /// The session folder (holding session.json) or the session file.
        path: PathBuf,
        /// The member's id in the session.
        #[arg(long, value_name = "ID")]
        member: String,
        /// The file to write [default: ./ballot-<member>.json].
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The review record folder, if not the one under the data directory.
        #[arg(long, value_name = "DIR")]
        record: Option<PathBuf>,
    },
    /// List the session records in the data directory.
    Sessions,
    /// Check a results document (results.json) or a session record (record.jsonl).
    ///
    /// For results: the digest, the signature, internal consistency, the files
    /// beside it and SHA256SUMS, and with --record that the record reaches
    /// them; for a record: its hash chain and the anchor beside it. Exits 0
    /// when everything holds, 1 when something was altered, 2 when
    /// unreadable.
    Verify {
        /// results.json of an export, or a session record.
        file: PathBuf,
        /// The session record (record.jsonl) the results were exported
        /// from: it must hold the exported last hash at the exported number
        /// of events.
        #[arg(long, value_name = "RECORD")]
        record: Option<PathBuf>,
        /// The chair's public key: the key file `gremium keygen` wrote, or the
        /// key itself (base64 or hex). The signature must be made with it.
        #[arg(long, value_name = "KEY")]
        public_key: Option<String>,
    },
    /// Create the chair's signing key (Ed25519) in the config directory.
    ///
    /// Exports are signed with it. Prints where the key files are and the
    /// fingerprint to give to whoever checks the exports.
    Keygen {
        /// Replace an existing key (documents signed with it keep their old signature).
        #[arg(long)]
        force: bool,
        /// A committee member's key for signing ballots (keys/members/ID),
        /// instead of the chair's.
        #[arg(long, value_name = "ID")]
        member: Option<String>,
    },
    /// Print the JSON Schema of an input format or of the results document.
    Schema {
        #[arg(value_enum, default_value_t = SchemaKind::Session)]
        kind: SchemaKind,
    },
    /// Print every key binding (the defaults with config.toml's [keys]
    /// applied) and every action name, in the form config.toml takes.
    Keys,
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
    /// Print the man page gremium(1) (roff), or write every page, one per
    /// command, into a folder.
    Man {
        /// The folder to write gremium.1 and gremium-<command>.1 into.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvArg {
    #[value(name = "excel-de")]
    ExcelDe,
    #[value(name = "rfc4180")]
    Rfc4180,
}

impl From<CsvArg> for crate::export::Dialect {
    fn from(c: CsvArg) -> Self {
        match c {
            CsvArg::ExcelDe => crate::export::Dialect::ExcelDe,
            CsvArg::Rfc4180 => crate::export::Dialect::Rfc4180,
        }
    }
}

pub fn run(cli: Cli) -> color_eyre::Result<ExitCode> {
    let lang = cli.lang.map(Language::from);
    match cli.command {
        None => demo(None, false, lang),
        Some(Command::Demo { record, read_only }) => demo(record, read_only, lang),
        Some(Command::Open { path, record, read_only }) if crate::demo::named(&path) => {
            demo(record, read_only, lang)
        }
        Some(Command::Open { path, record, read_only }) => {
            // The files read once, loaded and digested for the record from
            // those bytes (docs/performance.md).
            let read = if read_only {
                reading::read_session(&FsSource, load::session_file(&path), false).map(|read| (read, None))
            } else {
                reading::read_session_for_open(&FsSource, load::session_file(&path))
                    .map(|(read, inputs)| (read, Some(inputs)))
            };
            match read {
                Ok((read, inputs)) => {
                    for w in &read.loaded.warnings {
                        crate::say_err!("{w}");
                    }
                    open::open(open::OpenRequest {
                        session: read.loaded.session,
                        source: &FsSource,
                        session_file: &read.session_path,
                        inputs,
                        record_dir: record,
                        read_only,
                        lang,
                        review: None,
                    })
                }
                Err(e) => {
                    eprint!("{}", crate::text::clean_message(&e.report()));
                    Ok(ExitCode::from(e.exit_code()))
                }
            }
        }
        Some(Command::Export { path, record, out, csv }) => {
            export::export(export::ExportRequest { path, record, out, dialect: csv.into() })
        }
        Some(Command::Sessions) => records::sessions(),
        Some(Command::Verify { file, public_key, record }) => {
            integrity::verify(&file, public_key.as_deref(), record.as_deref())
        }
        Some(Command::Keygen { force, member }) => integrity::keygen(force, member.as_deref()),
        Some(Command::Ballot { path, member, out, record }) => ballots::write(&path, &member, out, record),
        Some(Command::Follow { path, record }) => {
            let session = if crate::demo::named(&path) {
                crate::demo::session()?
            } else {
                match apply::load_session(&path, false) {
                    Ok(read) => read.loaded.session,
                    Err(code) => return Ok(code),
                }
            };
            open::follow(session, record, lang)
        }
        Some(Command::Review { path, member, record }) => {
            let read = match apply::load_session(&path, true) {
                Ok(read) => read,
                Err(code) => return Ok(code),
            };
            open::open(open::OpenRequest {
                session: read.loaded.session,
                source: &FsSource,
                session_file: &read.session_path,
                inputs: read.inputs.map(reading::Inputs::Made),
                record_dir: record,
                read_only: false,
                lang,
                review: Some(member),
            })
        }
        Some(Command::ImportBallots { path, ballots: files, record, replace }) => {
            ballots::import(ballots::ImportRequest { path, files, record, replace, lang })
        }
        Some(Command::Validate { paths, strict, format }) => {
            let report = load::validate_paths(&FsSource, &paths, strict);
            let mut out = std::io::stdout().lock();
            match format {
                ReportFormat::Text => write!(out, "{}", report.to_text())?,
                ReportFormat::Json => writeln!(out, "{}", report.to_json())?,
            }
            Ok(ExitCode::from(report.exit_code()))
        }
        Some(Command::Apply { path, commands, record }) => {
            apply::apply(apply::ApplyRequest { path, commands, record, lang })
        }
        Some(Command::Schema { kind }) => {
            crate::say!("{}", crate::schema::schema_json(kind));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Keys) => {
            let (config, warnings) = crate::config::load();
            let mut keymap = crate::ui::keymap::Keymap::embedded()?;
            let mut problems = warnings;
            if let Some(keys) = &config.keys {
                for p in keymap.merge_each(keys) {
                    problems.push(format!("{}: {}", config.place(&p.path), p.message));
                }
            }
            for p in &problems {
                crate::say_err!("gremium: {}", crate::text::clean_line(p));
            }
            print!(
                "{}",
                crate::ui::keymap::describe(
                    &keymap,
                    crate::ui::strings::strings(lang.or(config.language).unwrap_or_default())
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "gremium", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man { out }) => man::man(out.as_deref()),
    }
}

fn demo(record: Option<PathBuf>, read_only: bool, lang: Option<Language>) -> color_eyre::Result<ExitCode> {
    let session = crate::demo::session()?;
    open::open(open::OpenRequest {
        session,
        source: &crate::demo::EmbeddedSource,
        session_file: Path::new(crate::demo::SESSION_PATH),
        inputs: None,
        record_dir: record,
        read_only,
        lang,
        review: None,
    })
}
