//! `zongjie export`: the reviewed figures of a folder as csv, jsonl, json or
//! xlsx, to standard output or to a file saved atomically.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use crate::output::{self, say};
use crate::progress_bar::{self, Bar};
use crate::team_cmd;

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ExportFormat {
    Csv,
    Jsonl,
    Json,
    /// An Excel workbook: Figures, Reports and About sheets.
    Xlsx,
}

/// Export: gather, build and check every record, then write them all or nothing.
pub(crate) fn cmd_export(
    paths: &[PathBuf],
    src: &team_cmd::ExportSource,
    format: ExportFormat,
    out: Option<PathBuf>,
    status: zongjie::export::records::StatusFilter,
    csv_options: zongjie::export::csv::CsvOptions,
) -> ExitCode {
    let dir = src.base.clone();
    let shown = out.as_deref().unwrap_or(Path::new("-")).display();
    let target = match export_target(out.as_deref(), paths, src, format) {
        Ok(t) => t,
        Err((why, code)) => {
            say!("{why}; nothing written");
            return ExitCode::from(code);
        }
    };
    let mut bar = Bar::new("export", progress_bar::Output::AtTheEnd);
    let (files, g, theirs) = team_cmd::gather(paths, src, &mut bar);
    bar.finish();
    for p in g.notes.iter().chain(&g.skipped).chain(&g.blocking) {
        say!("{p}");
    }
    let Some(mut recs) = export_records(&files, &g, &dir) else {
        return ExitCode::from(1);
    };
    if let Some(t) = &src.columns {
        team_cmd::fill_columns(&mut recs, &files, &theirs, t);
    }
    let about = || zongjie::export::xlsx::About {
        sources: paths.iter().map(|p| p.display().to_string()).collect(),
        store: dir.display().to_string(),
        status: status
            .to_possible_value()
            .map_or(String::new(), |v| v.get_name().to_string()),
        written_at: zongjie::review::now_rfc3339(),
    };
    let (buf, written) = match export_bytes(format, &files, recs, status, csv_options, about) {
        Ok(x) => x,
        Err(e) => {
            say!("{e}; nothing written");
            return ExitCode::from(1);
        }
    };
    // Written, but a file was skipped: exit 1, as `parse` does.
    let done = if g.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    match deliver(&target, &buf) {
        Ok(()) if target == output::Target::Stdout => done,
        Ok(()) => {
            say!("{written} record(s) written to {shown}");
            done
        }
        Err(e) if target == output::Target::Stdout => output::output_failed(&e),
        Err(e) => {
            say!("{shown}: {e}; nothing written");
            ExitCode::from(1)
        }
    }
}

/// Where the export goes, or why it is refused before anything is read (the
/// message and the exit code).
fn export_target(
    out: Option<&Path>,
    paths: &[PathBuf],
    src: &team_cmd::ExportSource,
    format: ExportFormat,
) -> Result<output::Target, (String, u8)> {
    let shown = out.unwrap_or(Path::new("-")).display();
    let target = output::export_target(out).map_err(|why| (format!("{shown}: {why}"), 1))?;
    if let output::Target::File(path) = &target
        && let Some(why) = output::export_target_problem(path, paths, &src.base)
    {
        return Err((format!("{shown}: {why}"), 1));
    }
    let xlsx = matches!(format, ExportFormat::Xlsx);
    if xlsx
        && target == output::Target::Stdout
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        let why = "an xlsx workbook is binary: give --out FILE, or send standard output to a file";
        return Err((why.to_string(), 1));
    }
    if xlsx && src.columns.is_some() {
        let why = "--per-reviewer columns are written in csv, jsonl and json";
        return Err((why.to_string(), 2));
    }
    Ok(target)
}

/// The records of `files`, or `None` (said why) when the export must stop:
/// an offset that does not hold, or decisions it could not read.
fn export_records(
    files: &[zongjie::review::session::ReviewedFile],
    g: &zongjie::export::Gathered,
    dir: &Path,
) -> Option<Vec<zongjie::export::records::Record>> {
    let (recs, orphans) = match zongjie::export::records::records(files) {
        Ok(x) => x,
        Err(errors) => {
            for e in &errors {
                say!("{e}");
            }
            say!(
                "export stopped: {} offset error(s); nothing written",
                errors.len()
            );
            return None;
        }
    };
    if !g.blocking.is_empty() {
        say!("export stopped: fix the problems above; nothing written");
        return None;
    }
    say_left_out(orphans.len(), &g.orphaned, dir);
    Some(recs)
}

/// Says what the store holds that the export leaves out.
fn say_left_out(orphans: usize, reviews: &[zongjie::export::OrphanReview], dir: &Path) {
    if orphans > 0 {
        say!(
            "{orphans} orphaned decision(s) kept in {} but not exported (see `zongjie stats`)",
            dir.display()
        );
    }
    for o in reviews {
        say!(
            "orphaned review kept in {} but not exported: {} report {} {:?} ({} decisions); \
             its file was renamed, moved or not named",
            dir.display(),
            o.file,
            o.report,
            o.title,
            o.decisions
        );
    }
}

/// The export's bytes to standard output, or to its file by an atomic save.
fn deliver(target: &output::Target, buf: &[u8]) -> std::io::Result<()> {
    match target {
        output::Target::Stdout => output::write_stdout(buf),
        output::Target::File(path) => output::write_file_atomic(path, buf),
    }
}

/// The export in `format`: its bytes and how many records it holds. `recs` are
/// every record (the xlsx Reports sheet counts them all); `filter` keeps some.
fn export_bytes(
    format: ExportFormat,
    files: &[zongjie::review::session::ReviewedFile],
    recs: Vec<zongjie::export::records::Record>,
    filter: zongjie::export::records::StatusFilter,
    csv_options: zongjie::export::csv::CsvOptions,
    about: impl FnOnce() -> zongjie::export::xlsx::About,
) -> Result<(Vec<u8>, usize), String> {
    use zongjie::export::{csv, json, reports, xlsx};
    let report_rows = matches!(format, ExportFormat::Xlsx)
        .then(|| reports::report_rows(files, &recs, |r| filter.keeps(r)));
    let recs: Vec<_> = recs.into_iter().filter(|r| filter.keeps(r)).collect();
    let mut buf = Vec::new();
    let written = match format {
        ExportFormat::Csv => csv::write_csv(&mut buf, &recs, csv_options),
        ExportFormat::Jsonl => json::write_jsonl(&mut buf, &recs),
        ExportFormat::Json => json::write_json(&mut buf, &recs),
        ExportFormat::Xlsx => {
            let book = xlsx::write_xlsx(&recs, &report_rows.unwrap_or_default(), &about())
                .map_err(|e| format!("xlsx: {e}"))?;
            if book.cut_cells > 0 {
                say!(
                    "{} text cell(s) longer than a spreadsheet cell holds were cut (see the About sheet)",
                    book.cut_cells
                );
            }
            buf = book.bytes;
            Ok(())
        }
    };
    written.map_err(|e| e.to_string())?;
    Ok((buf, recs.len()))
}
