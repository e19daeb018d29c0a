//! The export as an Excel workbook (rust_xlsxwriter): a Figures sheet with the
//! CSV's columns, one row per record; a Reports sheet, one row per report; and
//! an About sheet saying where the data came from and how it was cut.
//!
//! Cells are typed: values, years, counts and offsets are numbers,
//! `reviewed_at` a date and time (UTC), `published` a date. Text from pages,
//! stores and reviewers is always written as a string cell, never as a formula,
//! so a cell that begins with `=` shows as it is; one a spreadsheet would take
//! for a formula once edited (`csv::is_formula_like`) also carries Excel's quote
//! prefix, so editing it keeps it text.
//!
//! Excel's limits: 32,767 UTF-16 units in a cell (longer text is cut, ends in
//! `…`, and is counted on the About sheet) and 1,048,576 rows in a sheet (the
//! figures go on in "Figures 2", "Figures 3", …, each under the same header).

use std::borrow::Cow;
use std::collections::HashMap;

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::csv::{COLUMNS, Cell, fields, is_formula_like};
use super::records::{Record, format_number};
use super::reports::ReportRow;
use crate::review::session::report::level_name;

/// Data rows a sheet holds under its header row.
pub const SHEET_ROWS: usize = 1_048_575;
/// Excel's longest cell text, in UTF-16 units.
pub const MAX_CELL_UNITS: usize = 32_767;

/// What the About sheet says besides the counts.
#[derive(Debug, Clone, PartialEq)]
pub struct About {
    /// The paths the export read, as given.
    pub sources: Vec<String>,
    pub store: String,
    /// Which figures were kept (`--status`).
    pub status: String,
    /// When the export was made (RFC 3339).
    pub written_at: String,
}

/// A finished workbook.
#[derive(Debug)]
pub struct Written {
    pub bytes: Vec<u8>,
    /// Names of the sheets holding the figures ("Figures", "Figures 2", …).
    pub figure_sheets: Vec<String>,
    /// Text cells cut to Excel's limit.
    pub cut_cells: usize,
}

/// The workbook of `records` (the Figures sheet) and `reports`.
pub fn write_xlsx(
    records: &[Record],
    reports: &[ReportRow],
    about: &About,
) -> Result<Written, XlsxError> {
    write_with_sheet_rows(records, reports, about, SHEET_ROWS)
}

/// [`write_xlsx`] with at most `sheet_rows` figures a sheet (tests use a few).
pub fn write_with_sheet_rows(
    records: &[Record],
    reports: &[ReportRow],
    about: &About,
    sheet_rows: usize,
) -> Result<Written, XlsxError> {
    let mut wb = Workbook::new();
    let mut styles = Styles::default();
    let mut cut_cells = 0;
    let mut figure_sheets = Vec::new();
    let chunks: Vec<&[Record]> = if records.is_empty() {
        vec![&[]]
    } else {
        records.chunks(sheet_rows.max(1)).collect()
    };
    for (i, chunk) in chunks.iter().enumerate() {
        let name = match i {
            0 => "Figures".to_string(),
            n => format!("Figures {}", n + 1),
        };
        let mut sheet = Sheet::new(wb.add_worksheet_with_low_memory()?, &name, COLUMNS)?;
        for r in *chunk {
            let cells = fields(r);
            let vals: Vec<Val> = cells
                .iter()
                .zip(COLUMNS)
                .map(|(c, col)| figure_val(c, col))
                .collect();
            sheet.row(&vals, !r.flags.is_empty(), &mut styles)?;
        }
        cut_cells += sheet.finish()?;
        figure_sheets.push(name);
    }
    let mut sheet = Sheet::new(
        wb.add_worksheet_with_low_memory()?,
        "Reports",
        REPORT_COLUMNS,
    )?;
    for r in reports {
        sheet.row(&report_vals(r), false, &mut styles)?;
    }
    cut_cells += sheet.finish()?;
    let summary = Summary {
        records: records.len(),
        reports: reports.len(),
        figure_sheets: &figure_sheets,
        cut_cells,
    };
    about_sheet(wb.add_worksheet(), about, &summary, &mut styles)?;
    Ok(Written {
        bytes: wb.save_to_buffer()?,
        figure_sheets,
        cut_cells,
    })
}

/// The Reports sheet's columns, in the order of [`report_vals`].
pub const REPORT_COLUMNS: &[&str] = &[
    "file",
    "report",
    "title",
    "org",
    "org_level",
    "place",
    "year",
    "published",
    "source",
    "report_status",
    "report_note",
    "warnings",
    "figures",
    "flagged",
    "unreviewed",
    "accepted",
    "corrected",
    "rejected",
    "added",
    "exported",
];

/// One cell as the workbook types it.
#[derive(Clone)]
enum Val<'a> {
    Empty,
    Text(Cow<'a, str>),
    /// Text in a wide column whose cells wrap (the context).
    Wrapped(Cow<'a, str>),
    /// A figure's value: thousands separated, decimals only where it has them.
    Value(f64),
    /// A year, a count or an offset: digits only.
    Whole(f64),
    /// Seconds since 1970 (UTC), shown as a date and time.
    Time(ExcelDateTime),
    Date(ExcelDateTime),
}

/// A Figures cell: the CSV's cell, typed by its column.
fn figure_val<'a>(cell: &'a Cell, column: &str) -> Val<'a> {
    match cell {
        Cell::Text(t) if t.is_empty() => Val::Empty,
        Cell::Number(n) if n.is_empty() => Val::Empty,
        Cell::Number(n) => match (n.parse::<f64>(), column) {
            (Ok(v), c) if c.contains("value") => Val::Value(v),
            (Ok(v), _) => Val::Whole(v),
            (Err(_), _) => text(n),
        },
        Cell::Text(t) if column == "reviewed_at" => time(t).map_or(text(t), Val::Time),
        Cell::Text(t) if column == "context" => Val::Wrapped(Cow::Borrowed(t)),
        Cell::Text(t) => text(t),
    }
}

fn text(s: &str) -> Val<'_> {
    Val::Text(Cow::Borrowed(s))
}

/// An RFC 3339 time as an Excel date and time in UTC (seconds kept).
fn time(s: &str) -> Option<ExcelDateTime> {
    let t: jiff::Timestamp = s.parse().ok()?;
    ExcelDateTime::from_timestamp(t.as_second()).ok()
}

/// A `YYYY-MM-DD` date.
fn date(s: &str) -> Option<ExcelDateTime> {
    let d: jiff::civil::Date = s.parse().ok()?;
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

fn report_vals<'a>(r: &'a ReportRow) -> Vec<Val<'a>> {
    let opt = |s: &'a Option<String>| s.as_deref().map_or(Val::Empty, text);
    let whole = |n: usize| Val::Whole(n as f64);
    let published = r
        .published
        .as_deref()
        .map_or(Val::Empty, |p| date(p).map_or(text(p), Val::Date));
    let warnings: Vec<String> = r.warnings.iter().map(|(w, n)| format!("{w} {n}")).collect();
    vec![
        text(&r.file),
        text(&r.report),
        text(&r.title),
        opt(&r.org),
        r.org_level.map_or(Val::Empty, |l| text(level_name(l))),
        opt(&r.place),
        r.year.map_or(Val::Empty, |y| Val::Whole(f64::from(y))),
        published,
        opt(&r.source),
        text(r.status.as_str()),
        opt(&r.note),
        if warnings.is_empty() {
            Val::Empty
        } else {
            Val::Text(Cow::Owned(warnings.join("; ")))
        },
        whole(r.figures),
        whole(r.flagged),
        whole(r.unreviewed),
        whole(r.accepted),
        whole(r.corrected),
        whole(r.rejected),
        whole(r.added),
        whole(r.exported),
    ]
}

/// How a cell looks: its number format, wrapping, fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Look {
    Header,
    Text,
    Wrapped,
    /// A whole value, thousands separated.
    Value,
    /// A value with decimals.
    Fraction,
    Whole,
    Time,
    Date,
    /// The About sheet's names.
    Name,
}

impl Look {
    fn format(self) -> Format {
        let f = Format::new().set_align(FormatAlign::Top);
        match self {
            Look::Header => f
                .set_bold()
                .set_background_color(Color::RGB(0xDDE4EE))
                .set_border_bottom(FormatBorder::Thin),
            Look::Text => f,
            Look::Wrapped => f.set_text_wrap(),
            Look::Value => f.set_num_format("#,##0"),
            Look::Fraction => f.set_num_format("#,##0.0#####"),
            Look::Whole => f.set_num_format("0"),
            Look::Time => f.set_num_format("yyyy-mm-dd hh:mm:ss"),
            Look::Date => f.set_num_format("yyyy-mm-dd"),
            Look::Name => f.set_bold(),
        }
    }
}

/// Flagged figures' rows are filled with this colour (a light orange).
const FLAGGED: Color = Color::RGB(0xFCE4D6);

/// Every format the workbook uses, made once: (look, flagged row, quote prefix).
#[derive(Default)]
struct Styles {
    formats: HashMap<(Look, bool, bool), Format>,
}

impl Styles {
    fn get(&mut self, look: Look, flagged: bool, quote: bool) -> &Format {
        self.formats
            .entry((look, flagged, quote))
            .or_insert_with(|| {
                let mut f = look.format();
                if flagged {
                    f = f.set_background_color(FLAGGED);
                }
                if quote {
                    f = f.set_quote_prefix();
                }
                f
            })
    }
}

/// A sheet being written row by row: header frozen, an autofilter over the
/// rows, each column as wide as its text needs (within bounds).
struct Sheet<'w> {
    ws: &'w mut Worksheet,
    /// The next row to write.
    row: u32,
    /// Display width of the widest cell of each column, header included.
    widths: Vec<usize>,
    /// Columns whose width is fixed (wrapped text, times).
    fixed: Vec<Option<f64>>,
    cut: usize,
}

/// Bounds of a column's width, in Excel's units (about one Latin character;
/// a Chinese character takes two).
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 40;
const WRAPPED_WIDTH: f64 = 50.0;

impl<'w> Sheet<'w> {
    fn new(ws: &'w mut Worksheet, name: &str, columns: &[&str]) -> Result<Sheet<'w>, XlsxError> {
        ws.set_name(name)?;
        let header = Look::Header.format();
        for (c, name) in columns.iter().enumerate() {
            ws.write_string_with_format(0, col(c), *name, &header)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(Sheet {
            ws,
            row: 1,
            // Room for the autofilter's button beside the header.
            widths: columns.iter().map(|c| c.width() + 3).collect(),
            fixed: vec![None; columns.len()],
            cut: 0,
        })
    }

    /// Write one row; a flagged figure's row is filled.
    fn row(&mut self, vals: &[Val], flagged: bool, styles: &mut Styles) -> Result<(), XlsxError> {
        for (c, v) in vals.iter().enumerate() {
            self.cell(c, v, flagged, styles)?;
        }
        self.row += 1;
        Ok(())
    }

    fn cell(
        &mut self,
        c: usize,
        v: &Val,
        flagged: bool,
        styles: &mut Styles,
    ) -> Result<(), XlsxError> {
        match v {
            Val::Empty if flagged => {
                let f = styles.get(Look::Text, true, false);
                self.ws.write_blank(self.row, col(c), f)?;
            }
            Val::Empty => {}
            Val::Text(t) => self.text(c, t, Look::Text, flagged, styles)?,
            Val::Wrapped(t) => {
                self.fixed[c] = Some(WRAPPED_WIDTH);
                self.text(c, t, Look::Wrapped, flagged, styles)?;
            }
            Val::Value(x) => {
                let look = if x.fract() == 0.0 {
                    Look::Value
                } else {
                    Look::Fraction
                };
                self.number(c, *x, styles.get(look, flagged, false))?;
                self.widen(c, number_width(*x));
            }
            Val::Whole(x) => {
                self.number(c, *x, styles.get(Look::Whole, flagged, false))?;
                self.widen(c, format_number(*x).len());
            }
            Val::Time(t) => {
                let f = styles.get(Look::Time, flagged, false);
                self.ws.write_datetime_with_format(self.row, col(c), t, f)?;
                self.widen(c, 19);
            }
            Val::Date(d) => {
                let f = styles.get(Look::Date, flagged, false);
                self.ws.write_datetime_with_format(self.row, col(c), d, f)?;
                self.widen(c, 10);
            }
        }
        Ok(())
    }

    /// A string cell (cut to Excel's limit), quote-prefixed if it looks like a formula.
    fn text(
        &mut self,
        c: usize,
        t: &str,
        look: Look,
        flagged: bool,
        styles: &mut Styles,
    ) -> Result<(), XlsxError> {
        let (t, cut) = fit_cell(t);
        self.cut += usize::from(cut);
        let f = styles.get(look, flagged, is_formula_like(&t));
        self.ws
            .write_string_with_format(self.row, col(c), t.as_ref(), f)?;
        self.widen(c, text_width(&t));
        Ok(())
    }

    fn number(&mut self, c: usize, x: f64, f: &Format) -> Result<(), XlsxError> {
        self.ws.write_number_with_format(self.row, col(c), x, f)?;
        Ok(())
    }

    fn widen(&mut self, c: usize, w: usize) {
        if let Some(m) = self.widths.get_mut(c) {
            *m = (*m).max(w);
        }
    }

    /// Set the widths and the autofilter; the number of cells cut.
    fn finish(self) -> Result<usize, XlsxError> {
        let last_col = col(self.widths.len().saturating_sub(1));
        for (c, w) in self.widths.iter().enumerate() {
            let width =
                self.fixed[c].unwrap_or_else(|| (*w + 1).clamp(MIN_WIDTH, MAX_WIDTH) as f64);
            self.ws.set_column_width(col(c), width)?;
        }
        self.ws
            .autofilter(0, 0, self.row.saturating_sub(1), last_col)?;
        Ok(self.cut)
    }
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Display width of text: its widest line.
fn text_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// Characters a value takes with its thousands separators.
fn number_width(x: f64) -> usize {
    let digits = format_number(x.trunc()).trim_start_matches('-').len();
    let frac = if x.fract() == 0.0 { 0 } else { 7 };
    digits + digits.saturating_sub(1) / 3 + frac + usize::from(x < 0.0)
}

/// Text cut to Excel's cell limit, with `…` at the end; whether it was cut.
fn fit_cell(s: &str) -> (std::borrow::Cow<'_, str>, bool) {
    // A char is at most 2 UTF-16 units: short text needs no count.
    if s.len() <= MAX_CELL_UNITS || s.encode_utf16().count() <= MAX_CELL_UNITS {
        return (s.into(), false);
    }
    let mut units = 0;
    let mut end = 0;
    for (i, ch) in s.char_indices() {
        units += ch.len_utf16();
        if units > MAX_CELL_UNITS - 1 {
            break;
        }
        end = i + ch.len_utf8();
    }
    (format!("{}…", &s[..end]).into(), true)
}

/// Counts for the About sheet.
struct Summary<'a> {
    records: usize,
    reports: usize,
    figure_sheets: &'a [String],
    cut_cells: usize,
}

fn about_sheet(
    ws: &mut Worksheet,
    about: &About,
    s: &Summary,
    styles: &mut Styles,
) -> Result<(), XlsxError> {
    ws.set_name("About")?;
    let mut rows: Vec<(&str, Val)> = vec![
        ("zongjie", text(env!("CARGO_PKG_VERSION"))),
        (
            "written at (UTC)",
            time(&about.written_at).map_or(text(&about.written_at), Val::Time),
        ),
    ];
    for p in &about.sources {
        rows.push(("source", text(p)));
    }
    let sheets = s.figure_sheets.join(", ");
    let cut = format!(
        "{} text cell(s) longer than Excel's {MAX_CELL_UNITS} characters, cut and ended with …",
        s.cut_cells
    );
    rows.extend([
        ("review store", text(&about.store)),
        ("figures kept (--status)", text(&about.status)),
        ("figure rows", Val::Whole(s.records as f64)),
        ("reports", Val::Whole(s.reports as f64)),
        ("figure sheets", text(&sheets)),
        ("cut cells", text(&cut)),
        ("times", text("UTC")),
        (
            "text cells",
            text("text from pages, stores and reviewers is text, never a formula"),
        ),
        (
            "flagged rows",
            text("figures with a flag (the flags column) are filled orange"),
        ),
    ]);
    let name = styles.get(Look::Name, false, false).clone();
    let mut sheet = Sheet {
        ws,
        row: 0,
        widths: vec![0, 0],
        fixed: vec![None, Some(80.0)],
        cut: 0,
    };
    for (k, v) in &rows {
        sheet.ws.write_string_with_format(sheet.row, 0, *k, &name)?;
        sheet.widen(0, k.width());
        sheet.cell(1, v, false, styles)?;
        sheet.row += 1;
    }
    for (c, w) in sheet.widths.iter().enumerate() {
        let width = sheet.fixed[c].unwrap_or(*w as f64 + 2.0);
        sheet.ws.set_column_width(col(c), width)?;
    }
    Ok(())
}
