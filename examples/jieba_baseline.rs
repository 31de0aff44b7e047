//! The speed baseline of the benchmarks: a plain jieba-rs program that
//! loads its dictionary (`Jieba::new()`) and cuts a file line by line with
//! the HMM on, writing the words of each line separated by spaces.
//!
//! ```sh
//! cargo run --release --example jieba_baseline -- FILE > /dev/null
//! ```

use jieba_rs::Jieba;
use std::io::{BufRead, BufReader, BufWriter, Write};

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: jieba_baseline FILE");
        std::process::exit(2);
    };
    let jieba = Jieba::new();
    let input = BufReader::new(std::fs::File::open(path)?);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut words = 0usize;
    for line in input.lines() {
        let line = line?;
        let tokens = jieba.cut(&line, true);
        words += tokens.len();
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 {
                out.write_all(b" ")?;
            }
            out.write_all(t.word.as_bytes())?;
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!("{words} words");
    Ok(())
}
