//! Headless replay of the workstation: time every key of a keys file.
//!
//! ```text
//! cargo build --release --example replay
//! target/release/examples/replay benches/replay-keys.txt data
//! target/release/examples/replay benches/replay-keys.txt /tmp/bench10k/big.txt --at 0.5
//! target/release/examples/replay benches/replay-keys.txt --synthetic-mb 20
//! ```
//!
//! Nothing is saved: the replay runs without a review store.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use zongjie::tui::replay::{self, Options, Source};

/// The `zongjie` binary's allocator, so the replay's memory and times are the
/// workstation's (peak RSS on the 10,001-file corpus differs by allocator).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "Replay recorded keys against the workstation and time each frame")]
struct Args {
    /// The keys file (see `zongjie::tui::replay::parse_keys`).
    keys: PathBuf,
    /// Files or folders to load.
    paths: Vec<PathBuf>,
    /// Load one synthetic report of this many MB instead of paths.
    #[arg(long)]
    synthetic_mb: Option<usize>,
    /// Figures in the synthetic report.
    #[arg(long, default_value_t = 20_000)]
    synthetic_figures: usize,
    /// Put the list cursor at this fraction of the report list first (0.5: the middle).
    #[arg(long)]
    at: Option<f64>,
    /// Terminal width.
    #[arg(long, default_value_t = 120)]
    width: u16,
    /// Terminal height.
    #[arg(long, default_value_t = 40)]
    height: u16,
    /// Also print every key's time, in order.
    #[arg(long)]
    trace: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let text = match std::fs::read_to_string(&args.keys) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("replay: {}: {e}", args.keys.display());
            return ExitCode::from(2);
        }
    };
    let keys = match replay::parse_keys(&text) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("replay: {}: {e}", args.keys.display());
            return ExitCode::from(2);
        }
    };
    let source = match args.synthetic_mb {
        Some(mb) => Source::Synthetic {
            bytes: mb * 1_000_000,
            figures: args.synthetic_figures,
        },
        None if args.paths.is_empty() => Source::Paths(vec![PathBuf::from("data")]),
        None => Source::Paths(args.paths),
    };
    match replay::run(&Options {
        source,
        keys,
        width: args.width,
        height: args.height,
        at: args.at,
    }) {
        Ok(o) => {
            if args.trace {
                for (i, t) in o.keys.iter().enumerate() {
                    println!(
                        "{i:>4} {:<10} {:<16} update {:>8.3} ms  draw {:>8.3} ms",
                        t.label,
                        t.state,
                        t.update.as_secs_f64() * 1e3,
                        t.draw.as_secs_f64() * 1e3
                    );
                }
            }
            print!("{}", replay::summary(&o));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("replay: {e}");
            ExitCode::FAILURE
        }
    }
}
