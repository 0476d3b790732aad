//! A rendered screen (ratatui's test buffer, cell by cell) as an SVG
//! picture in the colours of a dark terminal, for the README: what the
//! committee sees, not a drawing of it.

#![allow(dead_code)]

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const CELL_W: f64 = 8.4;
const CELL_H: f64 = 18.0;
const DEFAULT_FG: &str = "#d0d0d0";
const DEFAULT_BG: &str = "#1c1c1c";

/// The terminal palette (xterm's, a little softened) for named colours.
fn named(c: Color) -> Option<&'static str> {
    Some(match c {
        Color::Black => "#1c1c1c",
        Color::Red => "#cd3131",
        Color::Green => "#0dbc79",
        Color::Yellow => "#e5e510",
        Color::Blue => "#2472c8",
        Color::Magenta => "#bc3fbc",
        Color::Cyan => "#11a8cd",
        Color::Gray => "#b0b0b0",
        Color::DarkGray => "#767676",
        Color::LightRed => "#f14c4c",
        Color::LightGreen => "#23d18b",
        Color::LightYellow => "#f5f543",
        Color::LightBlue => "#3b8eea",
        Color::LightMagenta => "#d670d6",
        Color::LightCyan => "#29b8db",
        Color::White => "#e5e5e5",
        _ => return None,
    })
}

fn colour(c: Color, default: &str) -> String {
    match c {
        Color::Reset => default.to_string(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => indexed(i),
        other => named(other).unwrap_or(default).to_string(),
    }
}

/// xterm's 256 colours: 16 named, a 6×6×6 cube, 24 greys.
fn indexed(i: u8) -> String {
    const BASE: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match i {
        0..=15 => named(BASE[usize::from(i)]).unwrap_or(DEFAULT_FG).to_string(),
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            format!("#{:02x}{:02x}{:02x}", level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            format!("#{v:02x}{v:02x}{v:02x}")
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// One run of cells with the same look.
struct Run {
    x: u16,
    width: u16,
    text: String,
    fg: String,
    bg: String,
    bold: bool,
    italic: bool,
    underline: bool,
}

/// A run's text in pieces at the cells they start on, split where two or
/// more spaces stand: browsers fold runs of spaces in SVG text, so each
/// piece is placed on its own cell and stretched to its width.
fn segments(r: &Run) -> Vec<(u16, String)> {
    let mut out: Vec<(u16, String)> = Vec::new();
    let mut current: Option<(u16, String)> = None;
    let mut spaces = 0u16;
    let mut cell = r.x;
    for c in r.text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16;
        if c == ' ' {
            spaces += 1;
        } else {
            match current.as_mut() {
                Some((_, text)) if spaces < 2 => {
                    text.extend(std::iter::repeat_n(' ', usize::from(spaces)));
                    text.push(c);
                }
                _ => {
                    out.extend(current.take());
                    current = Some((cell, c.to_string()));
                }
            }
            spaces = 0;
        }
        cell += w;
    }
    out.extend(current);
    out
}

/// The buffer as an SVG document: a background rectangle per run of cells
/// that has one, and the text on top, one `<text>` per run.
pub fn svg(buffer: &Buffer, title: &str) -> String {
    let area = buffer.area;
    let (w, h) = (f64::from(area.width) * CELL_W, f64::from(area.height) * CELL_H);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.1} {h:.1}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"{DEFAULT_BG}\"/>\n<g font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\" xml:space=\"preserve\" style=\"white-space: pre\">\n",
        escape(title),
        escape(title)
    );
    for y in 0..area.height {
        let mut runs: Vec<Run> = Vec::new();
        let mut x = 0;
        while x < area.width {
            let cell = &buffer[(x, y)];
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (colour(cell.fg, DEFAULT_FG), colour(cell.bg, DEFAULT_BG));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            if cell.modifier.contains(Modifier::DIM) {
                fg = "#808080".to_string();
            }
            let symbol = cell.symbol();
            let width = unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            let bold = cell.modifier.contains(Modifier::BOLD);
            let italic = cell.modifier.contains(Modifier::ITALIC);
            let underline = cell.modifier.contains(Modifier::UNDERLINED);
            match runs.last_mut() {
                Some(r)
                    if r.fg == fg
                        && r.bg == bg
                        && r.bold == bold
                        && r.italic == italic
                        && r.underline == underline
                        && width == 1 =>
                {
                    r.text.push_str(symbol);
                    r.width += 1;
                }
                _ => runs.push(Run { x, width, text: symbol.to_string(), fg, bg, bold, italic, underline }),
            }
            x += width;
        }
        let top = f64::from(y) * CELL_H;
        for r in &runs {
            if r.bg != DEFAULT_BG {
                out.push_str(&format!(
                    "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{CELL_H:.1}\" fill=\"{}\"/>\n",
                    f64::from(r.x) * CELL_W,
                    f64::from(r.width) * CELL_W,
                    r.bg
                ));
            }
        }
        for r in &runs {
            for (cell, text) in segments(r) {
                let cells = unicode_width::UnicodeWidthStr::width(text.as_str()).max(1);
                let mut attrs = format!(
                    "x=\"{:.1}\" y=\"{:.1}\" textLength=\"{:.1}\" fill=\"{}\"",
                    f64::from(cell) * CELL_W,
                    top + CELL_H * 0.75,
                    cells as f64 * CELL_W,
                    r.fg
                );
                if r.bold {
                    attrs.push_str(" font-weight=\"bold\"");
                }
                if r.italic {
                    attrs.push_str(" font-style=\"italic\"");
                }
                if r.underline {
                    attrs.push_str(" text-decoration=\"underline\"");
                }
                out.push_str(&format!("<text {attrs}>{}</text>\n", escape(&text)));
            }
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}
