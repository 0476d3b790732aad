use super::*;

fn errors(text: &str) -> Vec<String> {
    let p = parse(text.as_bytes());
    let loc = Locator::new(text.as_bytes());
    p.findings
        .iter()
        .map(|f| {
            let (l, c) = loc.position(f.offset);
            format!("{l}:{c}: {}: {}", f.path, f.message)
        })
        .collect()
}

fn doc(text: &str) -> Doc<'_> {
    let p = parse(text.as_bytes());
    assert!(p.findings.is_empty(), "{:?}", p.findings);
    p.doc.unwrap()
}

#[test]
fn spans_of_values_and_keys() {
    let d = doc("{\"a\": [1, true, null],\n \"b\": {\"c\": \"x\"}}");
    let a = d.get(0, "a").unwrap();
    assert_eq!(d.raw(a), "[1, true, null]");
    let items: Vec<&str> = d.children(a).map(|i| d.raw(i)).collect();
    assert_eq!(items, ["1", "true", "null"]);
    let b = d.get(0, "b").unwrap();
    let c = d.get(b, "c").unwrap();
    assert_eq!(d.str(c), "x");
    assert_eq!(Locator::new(d.text.as_bytes()).position(d.node(c).start as usize), (2, 13));
    assert_eq!(d.members(0).count(), 2);
}

#[test]
fn escapes_including_surrogate_pairs() {
    let d = doc(r#"["a\"b\\c\/\n\t\u00e4\ud83d\ude00"]"#);
    let s = d.children(0).next().unwrap();
    assert_eq!(d.str(s), "a\"b\\c/\n\tä😀");
    assert_eq!(
        errors(r#"["\ud83d x"]"#),
        ["1:3: $[0]: lone surrogate `\\uD83D`: it must be followed by a low surrogate `\\uDC00`–`\\uDFFF`"]
    );
    assert_eq!(
        errors(r#"["\ude00"]"#),
        ["1:3: $[0]: lone surrogate `\\uDE00` without a preceding high surrogate"]
    );
    assert_eq!(errors(r#"["\x"]"#), ["1:3: $[0]: invalid escape `\\x`"]);
    assert_eq!(errors(r#"["\u12"]"#), ["1:3: $[0]: invalid escape: `\\u` needs four hex digits"]);
}

#[test]
fn numbers() {
    for ok in ["0", "-0", "12", "-3.5", "1e9", "1E-9", "2.5e+3"] {
        assert!(valid_number(ok.as_bytes()), "{ok}");
    }
    for bad in ["01", "-", "1.", ".5", "1e", "+1", "1.2.3", "--1", "1e+"] {
        assert!(!valid_number(bad.as_bytes()), "{bad}");
    }
    assert_eq!(errors("{\"a\": 01}"), ["1:7: $.a: invalid number `01`"]);
}

#[test]
fn syntax_errors_are_precise() {
    assert_eq!(errors("{\"a\": 1,}"), ["1:8: $: trailing comma before `}`"]);
    assert_eq!(errors("[1,\n 2,\n]"), ["2:3: $: trailing comma before `]`"]);
    assert_eq!(errors("{\"a\": {\"b\": 1}"), ["1:15: $: unclosed object: `{` at 1:1 is never closed"]);
    assert_eq!(errors("[1, 2"), ["1:6: $: unclosed array: `[` at 1:1 is never closed"]);
    assert_eq!(errors("{\"a\": }"), ["1:7: $.a: unexpected `}`, expected a value"]);
    assert_eq!(errors("{\"a\" 1}"), ["1:6: $: expected `:` after key `a`, found `1`"]);
    assert_eq!(
        errors("{\"a\": True}"),
        ["1:7: $.a: unexpected `True`; JSON literals are lowercase: `true`, `false`, `null`"]
    );
    assert_eq!(errors("{\"a\": 1 \"b\": 2}"), ["1:9: $: missing `,` between object members"]);
    assert_eq!(
        errors("{\"a\": \"x}\n"),
        ["1:10: $.a: unclosed string: `\"` at 1:7 is not closed on its line"]
    );
    assert_eq!(errors("{} x"), ["1:4: $: unexpected `x` after the end of the document"]);
    assert_eq!(errors(" \n "), ["1:1: $: empty file"]);
    assert_eq!(errors(""), ["1:1: $: empty file"]);
    assert_eq!(errors("{\"a\": 1, \"a\": 2}"), ["1:10: $.a: duplicate key `a`, first defined at 1:2"]);
    assert_eq!(
        errors("{\"a\": [1, {\"b\" : x}]}"),
        ["1:18: $.a[1].b: unexpected `x`; text values need double quotes"]
    );
}

#[test]
fn invalid_utf8_is_located() {
    let bytes = b"{\"a\":\n \"\xc3\xa4\xff\"}";
    let p = parse(bytes);
    assert!(p.doc.is_none());
    let (l, c) = Locator::new(bytes).position(p.findings[0].offset);
    assert_eq!((l, c), (2, 4));
    assert!(p.findings[0].message.starts_with("invalid UTF-8: byte 0xFF"));
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = "[".repeat(100_000);
    let e = errors(&deep);
    assert_eq!(e.len(), 1);
    assert!(e[0].ends_with("nesting deeper than 128 levels"), "{}", e[0]);
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(ok.as_bytes()).findings.is_empty());
}

#[test]
fn many_duplicate_keys_use_a_map() {
    let keys: Vec<String> = (0..40).map(|i| format!("\"k{}\": {i}", i % 30)).collect();
    let text = format!("{{{}}}", keys.join(","));
    assert_eq!(errors(&text).len(), 10);
}
