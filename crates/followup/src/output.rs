//! Output discipline: results on stdout (JSON with --json, aligned tables otherwise), colour
//! only on a terminal and never with NO_COLOR (anstream strips it otherwise).

use std::io::Write;

use anstyle::{AnsiColor, Style};
use followup_core::{DecisionDate, Moment};
use jiff::tz::TimeZone;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::error::{CliError, CliResult};

pub const BOLD: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();
pub const GREEN: Style = AnsiColor::Green.on_default();
pub const YELLOW: Style = AnsiColor::Yellow.on_default();
pub const RED: Style = AnsiColor::Red.on_default();
pub const CYAN: Style = AnsiColor::Cyan.on_default();

struct Out {
    writer: std::io::BufWriter<std::io::Stdout>,
    colour: bool,
}

/// One buffered stdout for the whole run: whether to colour is decided once (a terminal, and
/// no NO_COLOR), and a long agenda leaves in a few writes rather than one per line.
static STDOUT: std::sync::LazyLock<std::sync::Mutex<Out>> = std::sync::LazyLock::new(|| {
    let stdout = std::io::stdout();
    let colour = !matches!(
        anstream::AutoStream::choice(&stdout),
        anstream::ColorChoice::Never
    );
    std::sync::Mutex::new(Out {
        writer: std::io::BufWriter::with_capacity(64 * 1024, stdout),
        colour,
    })
});

/// Writes a line to stdout; styles are stripped where colour is off.
pub fn line(text: impl AsRef<str>) -> CliResult {
    let mut out = STDOUT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let text = text.as_ref();
    if out.colour {
        writeln!(out.writer, "{text}")
    } else {
        writeln!(out.writer, "{}", anstream::adapter::strip_str(text))
    }
    .map_err(io_error)
}

/// Whether stdout gets colour.
pub fn colour() -> bool {
    STDOUT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .colour
}

/// Writes raw bytes (a calendar file) to stdout.
pub fn raw(bytes: &[u8]) -> CliResult {
    let mut out = STDOUT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    out.writer.write_all(bytes).map_err(io_error)
}

/// Sends everything written so far; called once before the process ends.
pub fn flush() -> CliResult {
    let mut out = STDOUT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    out.writer.flush().map_err(io_error)
}

pub fn io_error(e: std::io::Error) -> CliError {
    CliError::failure(format!("cannot write the output: {e}"))
}

/// `text` in `style` (plain when colour is off).
pub fn paint(style: Style, text: impl std::fmt::Display) -> String {
    format!("{style}{text}{style:#}")
}

/// Prints a value as pretty JSON.
pub fn json<T: Serialize>(value: &T) -> CliResult {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::failure(format!("cannot encode JSON: {e}")))?;
    line(text)
}

/// A table cell: its text and how to paint it.
pub struct Cell {
    text: String,
    style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            style: Style::new(),
        }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Self {
        Cell {
            text: text.into(),
            style,
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::new(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::new(text)
    }
}

/// Prints rows under a header, columns aligned by display width.
pub fn table(headers: &[&str], rows: Vec<Vec<Cell>>) -> CliResult {
    let columns = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(cell.text.width());
        }
    }
    let render = |cells: Vec<(String, Style)>| {
        let last = cells.len().saturating_sub(1);
        let mut out = String::new();
        for (i, (text, style)) in cells.into_iter().enumerate() {
            out.push_str(&paint(style, &text));
            if i < last {
                out.push_str(&" ".repeat(widths[i] - text.width() + 2));
            }
        }
        out
    };
    line(render(
        headers.iter().map(|h| (h.to_string(), BOLD)).collect(),
    ))?;
    for row in rows {
        line(render(row.into_iter().map(|c| (c.text, c.style)).collect()))?;
    }
    Ok(())
}

/// An instant as the user reads it: `Mon 2026-03-02 14:00` in their zone.
pub fn local(moment: Moment, zone: &TimeZone) -> String {
    moment
        .to_zoned(zone.clone())
        .strftime("%a %Y-%m-%d %H:%M")
        .to_string()
}

/// A decision date as the user reads it.
pub fn decision(date: &DecisionDate, zone: &TimeZone) -> String {
    match date {
        DecisionDate::Day(day) => day.strftime("%a %Y-%m-%d").to_string(),
        DecisionDate::At(moment) => local(*moment, zone),
    }
}

/// An optional value, or a dash.
pub fn or_dash(value: Option<&str>) -> String {
    value.filter(|v| !v.is_empty()).unwrap_or("–").to_string()
}
