//! `gremium keys`: every binding and action name, with config.toml's
//! bindings applied one by one and each bad one named at its line.

use assert_cmd::Command;

#[test]
fn keys_lists_bindings_and_names_each_bad_entry_at_its_line() {
    let config = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        config.path().join("config.toml"),
        "language = \"en\"\n[keys.global]\n\"x\" = \"show_sign_off\"\n\"ctrl-q\" = \"fly\"\n\"hyper-x\" = \"quit\"\n\n[keys.nowhere]\n\"x\" = \"quit\"\n",
    )
    .unwrap();
    let out = Command::cargo_bin("gremium")
        .unwrap()
        .arg("keys")
        .env("GREMIUM_CONFIG", config.path())
        .env("GREMIUM_DATA", config.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let file = config.path().join("config.toml").display().to_string();
    let lines: Vec<String> = stderr.lines().map(|l| l.replace(&file, "config.toml")).collect();
    assert_eq!(
        lines,
        [
            "gremium: config.toml:4:1: unknown action \"fly\"; `gremium keys` lists them",
            "gremium: config.toml:5:1: unknown key name \"hyper-x\"",
            "gremium: config.toml:7:1: unknown section [keys.nowhere]; known: global, overview, agenda, dossier, scoring, search, help, note, prompt, attendance, confirm, minutes, sign_off, decision, vote, ballots, vote_text, ranking, decided, too_small",
        ]
    );
    // The good binding applies beside the bad ones.
    assert!(
        stdout.contains("\n\"x\"            = \"show_sign_off\"            # Sign-off and export\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n[too_small]\n\"?\"            = \"help\"                     # help\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\n#   { tab = 1 }              go to tab\n"), "{stdout}");
}
