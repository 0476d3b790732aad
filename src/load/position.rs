//! Byte offsets to 1-based line and column (columns counted in characters).
//!
//! The parser only keeps byte offsets; positions are computed when a problem
//! is reported. Lookups in increasing order walk forward from the previous
//! answer, so reporting positions in file order is linear overall and needs
//! no line index; a lookup backwards builds the line index once.

use std::cell::{Cell, OnceCell};

pub struct Locator<'a> {
    bytes: &'a [u8],
    /// The last answer: offset, 0-based line, start of that line, column.
    cursor: Cell<(usize, usize, usize, usize)>,
    /// Byte offset at which each line starts; built on the first backward lookup.
    line_starts: OnceCell<Vec<usize>>,
}

impl<'a> Locator<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Locator { bytes, cursor: Cell::new((0, 0, 0, 1)), line_starts: OnceCell::new() }
    }

    /// 1-based (line, column) of a byte offset; offsets past the end map to
    /// the end of the file. A UTF-8 byte order mark is not counted.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.bytes.len());
        let (last, last_line, last_start, last_col) = self.cursor.get();
        let (line, line_start, from, col) = if offset >= last {
            let between = &self.bytes[last..offset];
            match memchr::memrchr(b'\n', between) {
                None => (last_line, last_start, last, last_col),
                Some(nl) => {
                    let lines = memchr::memchr_iter(b'\n', between).count();
                    (last_line + lines, last + nl + 1, last + nl + 1, 1)
                }
            }
        } else {
            let starts = self.line_starts.get_or_init(|| {
                let mut v = vec![0];
                v.extend(memchr::memchr_iter(b'\n', self.bytes).map(|i| i + 1));
                v
            });
            let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
            let start = starts.get(line).copied().unwrap_or(0);
            (line, start, start, 1)
        };
        let mut column = col + self.bytes[from..offset].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        if line_start == 0 && from == 0 && offset >= 3 && self.bytes.starts_with(b"\xEF\xBB\xBF") {
            column -= 1;
        }
        self.cursor.set((offset, line, line_start, column));
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_character_columns() {
        let text = "ab\nÄÖü x\n\nz";
        let loc = Locator::new(text.as_bytes());
        assert_eq!(loc.position(0), (1, 1));
        assert_eq!(loc.position(2), (1, 3));
        assert_eq!(loc.position(3), (2, 1));
        // "ÄÖü " is 7 bytes and 4 characters
        assert_eq!(loc.position(10), (2, 5));
        assert_eq!(loc.position(12), (3, 1));
        assert_eq!(loc.position(13), (4, 1));
        assert_eq!(loc.position(99), (4, 2));
        // backwards after forwards, then forwards again
        assert_eq!(loc.position(3), (2, 1));
        assert_eq!(loc.position(10), (2, 5));
        assert_eq!(Locator::new(text.as_bytes()).position(10), (2, 5));
    }

    #[test]
    fn byte_order_mark_is_not_a_column() {
        let loc = Locator::new(b"\xEF\xBB\xBF{}");
        assert_eq!(loc.position(3), (1, 1));
        assert_eq!(loc.position(4), (1, 2));
    }
}
