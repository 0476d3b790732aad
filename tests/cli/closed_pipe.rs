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
    assert_eq!(pages.len(), 17, "{pages:?}");
    assert!(
        pages.contains(&"gremium-apply.1".to_string())
            && pages.contains(&"gremium-import-ballots.1".to_string())
            && pages.contains(&"gremium.1".to_string()),
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

/// Mistakes a user can make come out as one or two plain lines (the
/// program's name, the place, what is wrong), with the documented exit code:
/// no crash report, no source location, no colour — also with stderr in a file.
#[test]
fn user_mistakes_are_plain_lines_not_crash_reports() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let file = file.to_str().expect("utf-8");
    let session = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions/hessen-2027");
    let data_in_a_file = format!("GREMIUM_DATA={file}");
    let cases: Vec<(Vec<&str>, Option<&str>, u8, String)> = vec![
        (vec!["open", "/nonexistent"], None, 2, "/nonexistent: cannot read: No such file or directory (os error 2)".into()),
        (vec!["export", "/nonexistent"], None, 2, "/nonexistent: cannot read: No such file or directory (os error 2)".into()),
        (
            vec!["verify", "/nonexistent"],
            None,
            2,
            "gremium: /nonexistent: cannot read: No such file or directory (os error 2)".into(),
        ),
        (
            vec!["sessions"],
            Some(data_in_a_file.as_str()),
            2,
            format!("gremium: {file}/records: cannot list: Not a directory (os error 20)"),
        ),
        (
            vec!["keygen"],
            Some("GREMIUM_CONFIG=/dev/null/config"),
            2,
            "gremium: /dev/null/config/keys: cannot create the folder: Not a directory (os error 20)".into(),
        ),
        (
            vec!["man", "--out", "/dev/null/man"],
            None,
            2,
            "gremium: /dev/null/man: cannot write the manual pages: Not a directory (os error 20)".into(),
        ),
        (
            vec!["open", session, "--lang", "en"],
            None,
            2,
            "gremium: the session needs a terminal (input and output). Without one, these work: validate, export, verify, apply, import-ballots, ballot, keygen, sessions, schema, keys, man.".into(),
        ),
        (
            vec!["open", session],
            None,
            2,
            "gremium: die Sitzung braucht ein Terminal (Ein- und Ausgabe). Ohne eines gehen: validate, export, verify, apply, import-ballots, ballot, keygen, sessions, schema, keys, man.".into(),
        ),
    ];
    for (args, env, code, first_line) in cases {
        let stderr_file = tmp.path().join("stderr");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gremium"));
        cmd.args(&args)
            .env("GREMIUM_DATA", tmp.path().join("data"))
            .env("GREMIUM_CONFIG", tmp.path().join("config"))
            .env("RUST_BACKTRACE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_file).expect("stderr file"));
        if let Some((key, value)) = env.and_then(|e| e.split_once('=')) {
            cmd.env(key, value);
        }
        let status = cmd.status().expect("run");
        let stderr = std::fs::read_to_string(&stderr_file).expect("read stderr");
        assert_eq!(status.code(), Some(i32::from(code)), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().next(), Some(first_line.as_str()), "{args:?}");
        assert!(stderr.lines().count() <= 2, "{args:?}: {stderr}");
        for tell in ["Location", "BACKTRACE", "panicked", "\u{1b}["] {
            assert!(!stderr.contains(tell), "{args:?} shows {tell:?}: {stderr}");
        }
    }
}
