//! Tables flattened to text (guide §3): `|` rows, or one cell a line. Each number
//! in a cell is a figure; its subject is the row's label and the column's header.
//!
//! Works on the folded text: the line ranges and the cell ranges returned are byte
//! ranges of `Normalized::text`.

use std::ops::Range;

use super::reader::read_at;

/// One cell holding a quantity, with the labels that name it.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    /// Index of its line among the lines given.
    pub line: usize,
    /// The cell's text, trimmed.
    pub range: Range<usize>,
    /// The row label's text, then the column header's (either may be missing).
    pub labels: Vec<Range<usize>>,
}

/// The cells of every table in `lines`, and which lines are table rows (the
/// running-text scan leaves those to the table's reading).
pub fn find_tables(text: &str, lines: &[Range<usize>]) -> (Vec<TableCell>, Vec<bool>) {
    let mut cells = Vec::new();
    let mut in_table = vec![false; lines.len()];
    pipe_tables(text, lines, &mut cells, &mut in_table);
    cell_per_line_tables(text, lines, &mut cells, &mut in_table);
    cells.sort_by_key(|c| c.range.start);
    (cells, in_table)
}

/// Whether a cell's text is one quantity as a table writes it: a number, with or
/// without its unit or a qualifier (`120`, `3.5万元`, `85%`, `200余人`).
pub fn is_quantity(cell: &str) -> bool {
    if !cell.starts_with(|c: char| c.is_ascii_digit()) || cell.chars().count() > 16 {
        return false;
    }
    let cs: Vec<char> = cell.chars().collect();
    read_at(&cs, 0, false).is_some_and(|r| r.end == cs.len() && r.kind.is_figure())
}

/// The text of a header or label without a unit in brackets (资金(万元) → 资金).
fn label_range(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    let cut = s.find(['(', '（', '[']).unwrap_or(s.len());
    let trimmed = s[..cut].trim_end();
    (!trimmed.is_empty() && !is_quantity(trimmed)).then(|| r.start..r.start + trimmed.len())
}

/// The cells of a `|` row, trimmed, with empty edge cells dropped; `None` for a
/// line that is not a row (fewer than two bars).
fn pipe_cells(text: &str, line: &Range<usize>) -> Option<Vec<Range<usize>>> {
    let s = &text[line.clone()];
    // asked of every line of a body: the second bar looked for by a vector search,
    // not every bar counted (5.8 M of 818 M instructions on bench-sub, callgrind)
    memchr::memchr_iter(b'|', s.as_bytes()).nth(1)?; // fewer than two bars: not a row
    let mut out = Vec::new();
    let mut pos = line.start;
    for part in s.split('|') {
        let lead = part.len() - part.trim_start().len();
        let t = part.trim();
        out.push(pos + lead..pos + lead + t.len());
        pos += part.len() + 1;
    }
    if out.first().is_some_and(|r| r.is_empty()) {
        out.remove(0);
    }
    if out.last().is_some_and(|r| r.is_empty()) {
        out.pop();
    }
    Some(out)
}

fn is_rule_row(text: &str, cells: &[Range<usize>]) -> bool {
    cells.iter().all(|r| {
        text[r.clone()]
            .chars()
            .all(|c| matches!(c, '-' | ':' | ' ' | '—'))
    })
}

/// Blocks of `|` rows: the first row is the header when it holds no quantity.
fn pipe_tables(
    text: &str,
    lines: &[Range<usize>],
    out: &mut Vec<TableCell>,
    in_table: &mut [bool],
) {
    let mut header: Option<Vec<Range<usize>>> = None;
    let mut in_block = false;
    for (i, line) in lines.iter().enumerate() {
        let Some(cells) = pipe_cells(text, line) else {
            header = None;
            in_block = false;
            continue;
        };
        in_table[i] = true;
        if is_rule_row(text, &cells) {
            continue;
        }
        let numeric: Vec<bool> = cells
            .iter()
            .map(|r| is_quantity(&text[r.clone()]))
            .collect();
        if !in_block {
            in_block = true;
            if !numeric.iter().any(|&n| n) {
                header = Some(cells);
                continue;
            }
        }
        let row_label = cells
            .first()
            .filter(|_| !numeric[0])
            .and_then(|r| label_range(text, r.clone()));
        for (c, r) in cells.iter().enumerate() {
            if !numeric[c] {
                continue;
            }
            let col = header
                .as_ref()
                .and_then(|h| h.get(c))
                .and_then(|r| label_range(text, r.clone()));
            out.push(TableCell {
                line: i,
                range: r.clone(),
                labels: row_label.iter().chain(col.iter()).cloned().collect(),
            });
        }
    }
}

/// A line that can be one cell of a table written one cell a line: short, no
/// sentence punctuation.
fn cell_like(text: &str, line: &Range<usize>) -> bool {
    let s = &text[line.clone()];
    // sixteen characters take at most 64 bytes: a longer line is not counted
    // (counting every line of a body cost 4.5 M of 818 M instructions, callgrind)
    s.len() <= 64 && s.chars().count() <= 16 && !s.contains(['。', '，', '；', ';', ':', '：', '|'])
}

/// Tables written one cell a line: a header of `k` lines, then rows of `k` lines,
/// each a label and `k - 1` quantities; at least two rows.
fn cell_per_line_tables(
    text: &str,
    lines: &[Range<usize>],
    out: &mut Vec<TableCell>,
    in_table: &mut [bool],
) {
    let mut i = 0;
    while i < lines.len() {
        if in_table[i] || !cell_like(text, &lines[i]) {
            i += 1;
            continue;
        }
        let mut run_end = i;
        while run_end < lines.len() && !in_table[run_end] && cell_like(text, &lines[run_end]) {
            run_end += 1;
        }
        let numeric: Vec<bool> = lines[i..run_end]
            .iter()
            .map(|r| is_quantity(&text[r.clone()]))
            .collect();
        // the table may start a line or two into the run (a caption above it)
        let found = (0..3.min(numeric.len())).find_map(|s| table_at(&numeric, s));
        let Some((s, k, rows)) = found else {
            i = run_end;
            continue;
        };
        let base = i + s;
        for row in 1..=rows {
            let label = label_range(text, lines[base + row * k].clone());
            for c in 1..k {
                let li = base + row * k + c;
                let col = label_range(text, lines[base + c].clone());
                out.push(TableCell {
                    line: li,
                    range: lines[li].clone(),
                    labels: label.iter().chain(col.iter()).cloned().collect(),
                });
            }
        }
        for flag in &mut in_table[base..base + (rows + 1) * k] {
            *flag = true;
        }
        i = base + (rows + 1) * k;
    }
}

/// At `s` in a run of cell-like lines (`numeric` says which are quantities): the
/// width `k` and number of rows of a table, if one starts there.
fn table_at(numeric: &[bool], s: usize) -> Option<(usize, usize, usize)> {
    let first = s + numeric[s..].iter().position(|&n| n)?;
    let k = (first - s).checked_sub(1)?;
    if k < 2 || numeric[s..s + k].iter().any(|&n| n) {
        return None;
    }
    let mut rows = 0;
    loop {
        let r0 = s + (rows + 1) * k;
        if r0 + k > numeric.len() {
            break;
        }
        let row_ok = !numeric[r0] && numeric[r0 + 1..r0 + k].iter().all(|&n| n);
        if !row_ok {
            break;
        }
        rows += 1;
    }
    (rows >= 2).then_some((s, k, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(t: &str) -> Vec<Range<usize>> {
        crate::text::split_lines(t)
            .into_iter()
            .map(|l| l.start..l.end)
            .collect()
    }

    fn cells(t: &str) -> Vec<(String, Vec<String>)> {
        let (cs, _) = find_tables(t, &lines_of(t));
        cs.into_iter()
            .map(|c| {
                let labels = c.labels.iter().map(|r| t[r.clone()].to_string()).collect();
                (t[c.range].to_string(), labels)
            })
            .collect()
    }

    /// The byte-level tests for a row and for a cell-like line agree with counting
    /// bars and characters, for every BMP character in short and long lines.
    #[test]
    fn row_and_cell_tests_by_bytes_are_the_counts() {
        let contexts: [fn(char) -> String; 4] = [
            |c| c.to_string(),
            |c| format!("培训{c}|妇女"),
            |c| format!("{c}{}", "字".repeat(15)),
            |c| format!("|{c}{}", "a".repeat(63)),
        ];
        crate::text::in_every_bmp_context(&contexts, |line, c| {
            let r = 0..line.len();
            let row = line.matches('|').count() >= 2;
            assert_eq!(pipe_cells(line, &r).is_some(), row, "{:04X}", c as u32);
            let short = line.chars().count() <= 16;
            let plain = !line.contains(['。', '，', '；', ';', ':', '：', '|']);
            assert_eq!(cell_like(line, &r), short && plain, "{:04X}", c as u32);
        });
    }

    #[test]
    fn pipe_rows_with_a_header() {
        let t = "| 乡镇 | 培训人数 | 资金(万元) |\n|---|---|---|\n| 城关镇 | 120 | 3.5 |\n| 石桥镇 | 86人 | 2 |";
        let got = cells(t);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(
            got[0],
            ("120".into(), vec!["城关镇".into(), "培训人数".into()])
        );
        assert_eq!(got[3], ("2".into(), vec!["石桥镇".into(), "资金".into()]));
    }

    #[test]
    fn one_cell_a_line() {
        let t =
            "各镇妇女培训情况\n乡镇\n培训人数\n结业率\n城关镇\n120\n95%\n石桥镇\n86\n90%\n全文完。";
        let got = cells(t);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(
            got[1],
            ("95%".into(), vec!["城关镇".into(), "结业率".into()])
        );
        assert_eq!(
            got[2],
            ("86".into(), vec!["石桥镇".into(), "培训人数".into()])
        );
    }

    #[test]
    fn a_list_of_short_lines_is_not_a_table() {
        assert!(cells("一、加强领导\n二、健全制度\n2\n三、抓好落实").is_empty());
    }
}
