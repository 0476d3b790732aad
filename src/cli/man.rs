//! `gremium man`: the manual pages (clap_mangen), with the sections a
//! reader of a man page expects beyond the options: environment, files,
//! exit status, see also.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;

/// What follows the generated page of gremium(1), in roff.
const EXTRA: &str = r#".SH ENVIRONMENT
.TP
\fBGREMIUM_DATA\fR
Where session records are kept (\fIrecords/<session id>/\fR below it); default: the platform data directory (Linux: \fI~/.local/share/gremium\fR).
.TP
\fBGREMIUM_CONFIG\fR
The configuration folder (\fIconfig.toml\fR, \fIkeys/\fR); default: the platform config directory (Linux: \fI~/.config/gremium\fR).
.TP
\fBGREMIUM_THEME\fR
\fBhigh-contrast\fR, or \fBplain\fR (no colour); overrides the configuration.
.TP
\fBNO_COLOR\fR
When set and not empty: no colour on the screens and in reports.
.TP
\fBSOURCE_DATE_EPOCH\fR
Seconds since 1970: the time \fBexport\fR states and the time of lines \fBapply\fR records without one.
.SH FILES
.TP
\fI<data>/records/<session id>/record.jsonl\fR
The session record: one event per line, hash-chained, fsynced before the screen shows an action as done.
.TP
\fI<data>/records/<session id>/record.anchor\fR
How far the record reached: its number of events and last hash.
.TP
\fI<data>/records/<session id>/record.lock\fR
The writer lock; holds the writing process id.
.TP
\fI<data>/reviews/<session id>/<member id>/record.jsonl\fR
A member's review before the session: scores, private notes, remarks to share (\fBgremium ballot\fR writes the ballot from it).
.TP
\fI<config>/config.toml\fR
Language, theme, key bindings, CSV dialect, mouse.
.TP
\fI<config>/keys/signing.key\fR, \fIsigning.pub\fR
The chair's Ed25519 key (\fBgremium keygen\fR); exports are signed with it.
.TP
\fI<config>/keys/members/<member id>/signing.key\fR, \fIsigning.pub\fR
A committee member's Ed25519 key (\fBgremium keygen --member\fR); ballots are signed with it.
.SH EXIT STATUS
.TP
\fB0\fR
Done; everything checked holds.
.TP
\fB1\fR
Refused or altered: a problem in the input files, a record or export that does not hold, a command refused, a record in use.
.TP
\fB2\fR
A file cannot be read, or the screens were asked for without a terminal.
.TP
\fB141\fR
The reader of the output went away (a closed pipe).
.SH SEE ALSO
\fBgremium-open\fR(1), \fBgremium-export\fR(1), \fBgremium-verify\fR(1), \fBgremium-apply\fR(1), \fBgremium-import-ballots\fR(1), \fBgremium-validate\fR(1); the documentation in \fIdocs/\fR of the source: record.md, results.md, commands.md, ballots.md, formats.md, keys.md.
"#;

/// gremium(1) with the extra sections.
pub fn page(w: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(super::Cli::command()).render(w)?;
    w.write_all(EXTRA.as_bytes())
}

/// `gremium man [--out DIR]`: the page on stdout, or every page (one per
/// command) into DIR.
pub fn man(out: Option<&Path>) -> color_eyre::Result<ExitCode> {
    match out {
        None => {
            page(&mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(dir) => {
            let written = std::fs::create_dir_all(dir)
                .and_then(|()| clap_mangen::generate_to(super::Cli::command(), dir))
                .and_then(|()| {
                    let mut f = std::fs::File::create(dir.join("gremium.1"))?;
                    page(&mut f)
                });
            match written {
                Ok(()) => {
                    crate::say!("Manual pages written to {}", dir.display());
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    crate::say_err!("gremium: {}: cannot write the manual pages: {e}", dir.display());
                    Ok(ExitCode::from(2))
                }
            }
        }
    }
}
