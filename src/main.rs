//! The zongjie command line: wires the library and the workstation together.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use zongjie::load;
use zongjie::pipeline;

#[derive(Parser)]
#[command(
    name = "zongjie",
    version,
    about = "Review the figures in Chinese work reports (总结)"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Parse report pages and print their reports, outlines and figures.
    Parse {
        /// Files or folders (walked recursively); `-` reads standard input.
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Review the figures in a workstation (the default: `zongjie` = `zongjie review data`).
    Review {
        /// Files or folders (walked recursively).
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        /// The review store folder (default: `zongjie-reviews` inside the first folder).
        #[arg(long)]
        store: Option<PathBuf>,
        /// The name written on each decision (default: the user name).
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Read quantity expressions (one per argument, or per line of `-`) and print their values as JSON lines.
    Figure {
        #[arg(default_value = "-")]
        texts: Vec<String>,
    },
    /// Export every figure (extracted, corrected, added) with its review, one record per figure.
    Export {
        /// Files or folders (walked recursively); `-` reads standard input.
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        /// Review store folder (default: `zongjie-reviews/` in the first folder, or beside the first file).
        #[arg(long)]
        store: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Write here instead of standard output (written whole, or not at all).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Which figures: all, reviewed (any decision), accepted (accepted, corrected, added).
        #[arg(long, value_enum, default_value_t = zongjie::export::records::StatusFilter::All)]
        status: zongjie::export::records::StatusFilter,
        /// Start CSV with a UTF-8 byte order mark, for spreadsheet programs.
        #[arg(long)]
        bom: bool,
    },
    /// Count reports, figures, flags, review progress, orphaned decisions and accepted totals.
    Stats {
        /// Files or folders (walked recursively); `-` reads standard input.
        #[arg(default_value = "data")]
        paths: Vec<PathBuf>,
        /// Review store folder (default as for `export`).
        #[arg(long)]
        store: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Jsonl,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Parse { paths, format }) => cmd_parse(&paths, format),
        Some(Command::Figure { texts }) => cmd_figure(&texts),
        Some(Command::Export {
            paths,
            store,
            format,
            out,
            status,
            bom,
        }) => cmd_export(&paths, store, format, out, status, bom),
        Some(Command::Stats {
            paths,
            store,
            format,
        }) => cmd_stats(&paths, store, format),
        Some(Command::Review {
            paths,
            store,
            reviewer,
        }) => cmd_review(paths, store, reviewer),
        None => cmd_review(vec![PathBuf::from("data")], None, None),
    }
}

fn cmd_review(paths: Vec<PathBuf>, store: Option<PathBuf>, reviewer: Option<String>) -> ExitCode {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        eprintln!("zongjie: review needs a terminal; for scripts use `zongjie parse`");
        return ExitCode::from(2);
    }
    match zongjie::tui::run(zongjie::tui::Options {
        paths,
        store,
        reviewer,
    }) {
        Ok(zongjie::tui::Exit::Clean) => ExitCode::SUCCESS,
        Ok(zongjie::tui::Exit::Recovered(p)) => {
            eprintln!(
                "zongjie: some decisions could not be saved to the review store; they are in {} \
                 (each entry of \"reviews\" is a store file's content)",
                p.display()
            );
            ExitCode::from(1)
        }
        Ok(zongjie::tui::Exit::Abandoned(n)) => {
            eprintln!("zongjie: quit with the decisions on {n} report(s) not saved");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("zongjie: {e}");
            ExitCode::from(1)
        }
    }
}

fn cmd_parse(paths: &[PathBuf], format: Format) -> ExitCode {
    use std::io::Write;
    let (inputs, mut diags) = load::collect_inputs(paths);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    pipeline::map_ordered(
        &inputs,
        |input| render_input(input, format),
        |(text, notes)| {
            diags.extend(notes);
            // A closed stdout (a pipe to `head`) ends the run quietly.
            out.write_all(text.as_bytes()).is_ok()
        },
    );
    let _ = out.flush();
    for d in &diags {
        eprintln!("zongjie: {d}");
    }
    if diags.iter().any(|d| d.skipped) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Load, parse and print one input: its output text and what to tell the user.
fn render_input(input: &load::Input, format: Format) -> (String, Vec<load::Diagnostic>) {
    let doc = match load::load(input) {
        Ok(d) => d,
        Err(d) => return (String::new(), vec![d]),
    };
    let notes = doc
        .notes
        .iter()
        .map(|n| load::Diagnostic::note(doc.path.clone(), n.clone()))
        .collect();
    let parsed = pipeline::parse_document(&doc);
    let text = match format {
        Format::Json => serde_json::to_string(&parsed).unwrap_or_default() + "\n",
        Format::Text => render_text(&parsed),
    };
    (text, notes)
}

fn render_text(p: &zongjie::model::ParsedFile) -> String {
    let mut s = format!("{} ({})\n", p.file, p.encoding);
    for r in &p.reports {
        s += &format!("  {}  [{}]\n", r.title, r.id);
        for sec in &r.sections {
            s += &format!(
                "  {}{}{}\n",
                "  ".repeat(sec.level as usize),
                sec.marker,
                sec.title
            );
        }
    }
    s
}

/// One JSON line per expression, in input order: the values, or the reason it cannot be read.
fn cmd_figure(texts: &[String]) -> ExitCode {
    use std::io::{BufRead, Write};
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut emit = |text: &str| -> std::io::Result<()> {
        let line = match zongjie::figures::read_quantity(text) {
            Ok(q) => {
                let mut v = serde_json::to_value(&q).unwrap_or_default();
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("text".into(), text.into());
                }
                v
            }
            Err(e) => serde_json::json!({ "text": text, "error": e }),
        };
        writeln!(out, "{line}")
    };
    for t in texts {
        if t == "-" {
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else {
                    return ExitCode::from(1);
                };
                if emit(line.trim_end_matches('\r')).is_err() {
                    return ExitCode::SUCCESS;
                }
            }
        } else if emit(t).is_err() {
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}

/// Export: gather, build and check every record, then write them all or nothing.
fn cmd_export(
    paths: &[PathBuf],
    store: Option<PathBuf>,
    format: ExportFormat,
    out: Option<PathBuf>,
    status: zongjie::export::records::StatusFilter,
    bom: bool,
) -> ExitCode {
    use std::io::Write;
    use zongjie::export::{self, csv, json, records};
    let dir = store.unwrap_or_else(|| zongjie::review::default_store_dir(paths));
    if let Some(why) = out
        .as_deref()
        .and_then(|o| export_target_problem(o, paths, &dir))
    {
        eprintln!(
            "zongjie: {}: {why}; nothing written",
            out.unwrap_or_default().display()
        );
        return ExitCode::from(1);
    }
    let store = zongjie::review::Store::reader(&dir);
    let (files, g) = export::gather(paths, &store);
    for p in g.notes.iter().chain(&g.skipped).chain(&g.blocking) {
        eprintln!("zongjie: {p}");
    }
    let (recs, orphans) = match records::records(&files) {
        Ok(x) => x,
        Err(errors) => {
            for e in &errors {
                eprintln!("zongjie: {e}");
            }
            eprintln!(
                "zongjie: export stopped: {} offset error(s); nothing written",
                errors.len()
            );
            return ExitCode::from(1);
        }
    };
    if !g.blocking.is_empty() {
        eprintln!("zongjie: export stopped: fix the problems above; nothing written");
        return ExitCode::from(1);
    }
    if !orphans.is_empty() {
        eprintln!(
            "zongjie: {} orphaned decision(s) kept in {} but not exported (see `zongjie stats`)",
            orphans.len(),
            dir.display()
        );
    }
    for o in &g.orphaned {
        eprintln!(
            "zongjie: orphaned review kept in {} but not exported: {} report {} {:?} ({} decisions); \
             its file was renamed, moved or not named",
            dir.display(),
            o.file,
            o.report,
            o.title,
            o.decisions
        );
    }
    let filter = status;
    let recs: Vec<_> = recs.into_iter().filter(|r| filter.keeps(r)).collect();
    let mut buf = Vec::new();
    let written = match format {
        ExportFormat::Csv => csv::write_csv(&mut buf, &recs, bom),
        ExportFormat::Jsonl => json::write_jsonl(&mut buf, &recs),
        ExportFormat::Json => json::write_json(&mut buf, &recs),
    };
    if let Err(e) = written {
        eprintln!("zongjie: {e}");
        return ExitCode::from(1);
    }
    let result = match &out {
        Some(path) => write_file_atomic(path, &buf),
        None => {
            let mut so = std::io::stdout().lock();
            match so.write_all(&buf).and_then(|_| so.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r,
            }
        }
    };
    match result {
        Ok(()) => {
            if let Some(p) = &out {
                eprintln!(
                    "zongjie: {} record(s) written to {}",
                    recs.len(),
                    p.display()
                );
            }
            if g.skipped.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!(
                "zongjie: {}: {e}",
                out.map_or("-".into(), |p| p.display().to_string())
            );
            ExitCode::from(1)
        }
    }
}

/// Why `out` must not be written: it is one of the inputs (by any spelling, link
/// or hard link), or lies in the review store, whose files the store owns.
fn export_target_problem(
    out: &std::path::Path,
    paths: &[PathBuf],
    store_dir: &std::path::Path,
) -> Option<&'static str> {
    let parent = out.parent().filter(|d| !d.as_os_str().is_empty());
    let in_store = std::fs::canonicalize(parent.unwrap_or(std::path::Path::new(".")))
        .ok()
        .zip(std::fs::canonicalize(store_dir).ok())
        .is_some_and(|(p, s)| p.starts_with(s));
    if in_store {
        return Some("is inside the review store; export elsewhere");
    }
    if !out.exists() {
        return None;
    }
    let (inputs, _) = zongjie::load::collect_inputs(paths);
    inputs
        .iter()
        .any(|i| match i {
            zongjie::load::Input::File(p) => same_file(p, out),
            zongjie::load::Input::Stdin => false,
        })
        .then_some("is an input file; refusing to overwrite it")
}

/// Whether two paths name one file (hard links included where the OS says so).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
            return false;
        };
        x.dev() == y.dev() && x.ino() == y.ino()
    }
    #[cfg(not(unix))]
    {
        matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
    }
}

/// Write a whole file through a temp file beside it, so a failed export leaves no half file.
fn write_file_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    // The temp file's own (absolute, random) name is no path the user gave: keep
    // only the OS reason, printed after the --out path.
    let plain = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => std::io::Error::other("no such folder"),
        std::io::ErrorKind::PermissionDenied => std::io::Error::other("permission denied"),
        k => std::io::Error::from(k),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(plain)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn cmd_stats(paths: &[PathBuf], store: Option<PathBuf>, format: Format) -> ExitCode {
    use zongjie::export::{self, stats};
    let dir = store.unwrap_or_else(|| zongjie::review::default_store_dir(paths));
    let store = zongjie::review::Store::reader(&dir);
    let mut builder = stats::StatsBuilder::default();
    let g = export::for_each_file(paths, &store, |f| builder.add(&f));
    let mut problems: Vec<String> = g.skipped.iter().chain(&g.blocking).cloned().collect();
    problems.sort();
    problems.dedup();
    let st = builder.finish(g.orphaned);
    for n in &g.notes {
        eprintln!("zongjie: {n}");
    }
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&st).unwrap_or_default() + "\n",
        Format::Text => stats::render_text(&st),
    };
    print!("{text}");
    for p in &problems {
        eprintln!("zongjie: {p}");
    }
    if problems.is_empty() && st.offset_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
