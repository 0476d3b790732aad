//! The command line as a shell user meets it. A closed pipe is no crash:
//! every command that writes to stdout, piped into a reader that has gone,
//! ends quietly — killed by SIGPIPE as any Unix tool is, without a panic
//! report and without exit code 101. The manual pages are complete.

#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

fn run_into_closed_pipe(args: &[&str]) -> (std::process::ExitStatus, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gremium"))
        .args(args)
        .env("GREMIUM_DATA", tmp.path().join("data"))
        .env("GREMIUM_CONFIG", tmp.path().join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // The reader goes before anything is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    (out.status, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn every_command_that_writes_ends_quietly_on_a_closed_pipe() {
    let session = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions/hessen-2027");
    let cases: Vec<Vec<&str>> = vec![
        vec!["schema", "session"],
        vec!["schema", "results"],
        vec!["schema", "commands"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["keys"],
        vec!["--help"],
        vec!["apply", "--help"],
        vec!["validate", session],
        vec!["sessions"],
    ];
    for args in cases {
        let (status, stderr) = run_into_closed_pipe(&args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(status.code(), Some(101), "{args:?}: {stderr}");
        // Quiet: killed by SIGPIPE, or done before it wrote.
        assert!(status.signal() == Some(libc::SIGPIPE) || status.success(), "{args:?}: {status:?} {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn the_manual_pages_have_their_sections_and_one_page_per_command() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("man");
    let status =
        Command::new(env!("CARGO_BIN_EXE_gremium")).args(["man", "--out"]).arg(&out).status().expect("run");
    assert!(status.success());
    let mut pages: Vec<String> = std::fs::read_dir(&out)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 13, "{pages:?}");
    assert!(
        pages.contains(&"gremium-apply.1".to_string()) && pages.contains(&"gremium.1".to_string()),
        "{pages:?}"
    );
    let page = std::fs::read_to_string(out.join("gremium.1")).expect("gremium.1");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH SUBCOMMANDS",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXIT STATUS",
        ".SH SEE ALSO",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    assert!(page.contains(r"\fBGREMIUM_DATA\fR"));
    let stdout = Command::new(env!("CARGO_BIN_EXE_gremium")).arg("man").output().expect("run").stdout;
    assert_eq!(String::from_utf8_lossy(&stdout), page, "the same page on stdout");
}
