//! Untrusted text (anything from a dossier or session file) made safe for the
//! terminal: no escape sequence or other control character ever reaches it.

use std::borrow::Cow;

/// Neutralise one line of untrusted text: C0 and C1 control characters, DEL,
/// and bidirectional overrides become visible placeholders, tabs and line
/// breaks become spaces.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(replacement).collect())
}

/// Neutralise untrusted multi-line text and split it into lines.
pub fn clean_lines(s: &str) -> Vec<String> {
    s.split('\n').map(|l| clean_line(l.strip_suffix('\r').unwrap_or(l)).into_owned()).collect()
}

fn needs_care(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidi overrides, isolates and marks can reorder what the committee sees
/// on screen; line and paragraph separators break a line where no line
/// break is shown.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2028}' | '\u{2029}'
    )
}

/// A message for a terminal, a log or a pipe that may quote untrusted text:
/// each of its lines neutralised as [`clean_line`] does, the line breaks
/// between them kept. Every command prints through this (or through
/// `clean_line` for one line), so nothing from a file reaches a terminal
/// raw.
pub fn clean_message(s: &str) -> String {
    s.split('\n')
        .map(|l| clean_line(l.strip_suffix('\r').unwrap_or(l)).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `s` is safe to print: no C0/C1 control, DEL or bidi control
/// other than line breaks.
pub fn is_printable(s: &str) -> bool {
    !s.chars().any(|c| c != '\n' && needs_care(c))
}

fn replacement(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => ' ',
        // Control Pictures block: ␀ … ␟ show what the byte was.
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        c if needs_care(c) => '\u{FFFD}',
        c => c,
    }
}

/// `println!` for the command line: the formatted text goes out through
/// [`clean_message`], so whatever it quotes from a file is neutralised.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", $crate::text::clean_message(&format!($($arg)*)))
    };
}

/// `eprintln!` for the command line, through [`clean_message`].
#[macro_export]
macro_rules! say_err {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::text::clean_message(&format!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(clean_line("a\u{1b}[2Jb"), "a\u{241B}[2Jb");
        assert_eq!(clean_line("x\u{9b}31my"), "x\u{FFFD}31my");
        assert_eq!(clean_line("bell\u{7}"), "bell\u{2407}");
        assert_eq!(clean_line("del\u{7f}"), "del\u{2421}");
        assert_eq!(clean_line("a\tb"), "a b");
        assert_eq!(clean_line("rtl\u{202E}x"), "rtl\u{FFFD}x");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(clean_line("Großwohnsiedlung – Nord"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_split_and_clean() {
        assert_eq!(clean_lines("eins\r\nzwei\u{1b}"), vec!["eins".to_string(), "zwei\u{241B}".to_string()]);
    }
}
