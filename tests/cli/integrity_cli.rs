//! `gremium keygen` and `gremium verify` on results documents, from the
//! command line.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use gremium::export::{self, keys, sample};

fn gremium(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("gremium").unwrap();
    cmd.env("GREMIUM_CONFIG", config).env("GREMIUM_DATA", config.join("data"));
    cmd
}

fn stdout(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stdout.clone()).unwrap()
}

fn stderr(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stderr.clone()).unwrap()
}

/// Run keygen in `config`; answer the public key file.
fn keygen(config: &Path) -> PathBuf {
    gremium(config).arg("keygen").assert().success();
    config.join("keys").join(keys::PUBLIC_KEY_FILE)
}

/// A signed export of the sample into `dir`, with the key in `config`.
fn export(config: &Path, dir: &Path) {
    let key = keys::load_signing_key(&config.join("keys")).unwrap().unwrap();
    let companions = vec![("minutes.md".to_string(), b"# Niederschrift\n".to_vec())];
    export::write_sealed_export(dir, sample::results(), companions, sample::RECORD_LAST_HASH, Some(&key))
        .unwrap();
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn keygen_writes_private_files_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let keys_dir = config.join("keys");
    let out = stdout(gremium(&config).arg("keygen"), 0);
    let private = keys_dir.join("signing.key");
    let public = keys_dir.join("signing.pub");
    let key = keys::load_signing_key(&keys_dir).unwrap().unwrap();
    let fp = keys::fingerprint(&key.verifying_key());
    assert_eq!(
        out,
        format!(
            "Signing key (private, keep it so): {}\nPublic key (give it to whoever checks the exports): {}\nFingerprint: {fp}\nExports are signed with it from now on; check one with `gremium verify results.json --public-key {}`.\n",
            private.display(),
            public.display(),
            public.display()
        )
    );
    #[cfg(unix)]
    assert_eq!((mode(&keys_dir), mode(&private), mode(&public)), (0o700, 0o600, 0o600));

    let before = std::fs::read(&private).unwrap();
    let err = stderr(gremium(&config).arg("keygen"), 1);
    assert_eq!(
        err,
        format!(
            "gremium: {}: a signing key exists already; keep it, or replace it with `gremium keygen --force` (documents signed with the old key then no longer match the new public key)\n",
            private.display()
        )
    );
    assert_eq!(std::fs::read(&private).unwrap(), before, "the old key is kept");

    gremium(&config).args(["keygen", "--force"]).assert().success();
    assert_ne!(std::fs::read(&private).unwrap(), before, "--force replaces it");
}

#[test]
fn verify_passes_a_signed_export_and_names_what_held() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let public = keygen(&config);
    let dir = tmp.path().join("export");
    export(&config, &dir);
    let results = dir.join("results.json");
    let out = stdout(gremium(&config).arg("verify").arg(&results).arg("--public-key").arg(&public), 0);
    let lines: Vec<&str> = out.lines().collect();
    let name = results.display().to_string();
    assert_eq!(lines.len(), 7, "{out}");
    assert!(lines[0].starts_with(&format!("{name}: content digest holds: sha256 ")), "{}", lines[0]);
    assert!(lines[1].starts_with(&format!("{name}: signature holds, by the given key ")), "{}", lines[1]);
    assert_eq!(lines[3], format!("{name}: minutes.md: matches the seal"));
    assert_eq!(lines[5], format!("{name}: SHA256SUMS: 2 files match"));
    assert_eq!(lines[6], format!("{name}: intact"));

    // The key given inline (base64, as in the integrity block) works too.
    let key = keys::load_signing_key(&config.join("keys")).unwrap().unwrap();
    let inline = export::PublicKey(key.verifying_key()).to_base64();
    gremium(&config).arg("verify").arg(&results).args(["--public-key", &inline]).assert().code(0);
}

#[test]
fn verify_refuses_another_key_and_an_altered_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    keygen(&config);
    let dir = tmp.path().join("export");
    export(&config, &dir);
    let results = dir.join("results.json");
    let name = results.display().to_string();

    let other_config = tmp.path().join("other");
    let other_public = keygen(&other_config);
    let out = stdout(gremium(&config).arg("verify").arg(&results).arg("--public-key").arg(&other_public), 1);
    assert!(out.contains(&format!("{name}: signed by another key: ")), "{out}");
    assert!(out.ends_with(&format!("{name}: does not hold: 1 finding\n")), "{out}");

    let original = std::fs::read(&results).unwrap();
    let at = original.windows(9).position(|w| w == b"Darmstadt").unwrap();
    let mut changed = original.clone();
    changed[at] ^= 0x01; // Darmstadt -> Earmstadt
    std::fs::write(&results, &changed).unwrap();
    let out = stdout(gremium(&config).arg("verify").arg(&results), 1);
    assert!(
        out.contains(&format!("{name}: altered: digest mismatch: the content is not what was sealed")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{name}: results.json: altered: its SHA-256 differs from SHA256SUMS")),
        "{out}"
    );

    let mut broken = original.clone();
    broken[0] ^= 0x01; // `{` -> `z`
    std::fs::write(&results, &broken).unwrap();
    let out = stdout(gremium(&config).arg("verify").arg(&results), 1);
    assert!(
        out.starts_with(&format!(
            "{name}: altered or truncated: not complete JSON any more (expected value at line 1 column 1)\n"
        )),
        "{out}"
    );

    // Cut short anywhere after its opening, it is a results document cut
    // short: altered (1), not "neither kind" (2).
    for len in [5, 20, 60, 200, original.len() / 2, original.len() - 3] {
        std::fs::write(&results, &original[..len]).unwrap();
        let out = stdout(gremium(&config).arg("verify").arg(&results), 1);
        assert!(
            out.starts_with(&format!(
                "{name}: altered or truncated: not complete JSON any more (EOF while parsing"
            )),
            "{len}: {out}"
        );
    }
}

#[test]
fn verify_exits_2_when_it_cannot_read_or_the_file_is_neither_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("missing.json");
    let err = stderr(gremium(tmp.path()).arg("verify").arg(&missing), 2);
    assert!(err.starts_with(&format!("gremium: {}: cannot read: ", missing.display())), "{err}");

    let text = tmp.path().join("notes.txt");
    std::fs::write(&text, "Niederschrift, nicht JSON\n").unwrap();
    let err = stderr(gremium(tmp.path()).arg("verify").arg(&text), 2);
    assert_eq!(
        err,
        format!(
            "gremium: {}: neither a results document (\"format\": \"gremium.results/1\") nor a session record (record.jsonl)\n",
            text.display()
        )
    );

    // Found by the results fuzzer: a file whose first 15 bytes after `{`
    // end inside a character once made the sniffing slice panic.
    let odd = tmp.path().join("odd.json");
    std::fs::write(&odd, "{\n  \"admissioo_eur\u{e9}\": 1}".as_bytes()).unwrap();
    let err = stderr(gremium(tmp.path()).arg("verify").arg(&odd), 2);
    assert_eq!(
        err,
        format!(
            "gremium: {}: neither a results document (\"format\": \"gremium.results/1\") nor a session record (record.jsonl)\n",
            odd.display()
        )
    );

    let config = tmp.path().join("config");
    keygen(&config);
    let dir = tmp.path().join("export");
    export(&config, &dir);
    let err = stderr(
        gremium(tmp.path()).arg("verify").arg(dir.join("results.json")).args(["--public-key", "xyz"]),
        2,
    );
    assert_eq!(err, "gremium: --public-key: public key: neither a key file, PEM, 64 hex digits nor base64\n");
}
