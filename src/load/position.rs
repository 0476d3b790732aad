//! Byte offsets to 1-based line and column (columns counted in characters).
//!
//! The parser only keeps byte offsets; positions are computed when a problem
//! is reported. Lookups in increasing order are linear overall, so reporting
//! thousands of positions on one very long line stays cheap.

use std::cell::Cell;

pub struct Locator<'a> {
    bytes: &'a [u8],
    /// Byte offset at which each line starts.
    line_starts: Vec<u32>,
    /// The last answer: (offset, line index, column), to count forward from.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> Locator<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        let mut line_starts = Vec::with_capacity(bytes.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| (i + 1) as u32));
        Locator { bytes, line_starts, last: Cell::new((0, 0, 1)) }
    }

    /// 1-based (line, column) of a byte offset; offsets past the end map to
    /// the end of the file. A UTF-8 byte order mark is not counted.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.bytes.len());
        let line = self.line_starts.partition_point(|&s| s as usize <= offset).saturating_sub(1);
        let line_start = self.line_starts.get(line).map_or(0, |&s| s as usize);
        let (last_offset, last_line, last_col) = self.last.get();
        let (from, mut column) = if last_line == line && last_offset <= offset && last_offset >= line_start {
            (last_offset, last_col)
        } else {
            (line_start, 1)
        };
        column += self.bytes[from..offset].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        if line == 0 && from == 0 && self.bytes.starts_with(b"\xEF\xBB\xBF") && offset >= 3 {
            column -= 1;
        }
        self.last.set((offset, line, column));
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
        // backwards after forwards
        assert_eq!(loc.position(3), (2, 1));
    }

    #[test]
    fn byte_order_mark_is_not_a_column() {
        let loc = Locator::new(b"\xEF\xBB\xBF{}");
        assert_eq!(loc.position(3), (1, 1));
        assert_eq!(loc.position(4), (1, 2));
    }
}
