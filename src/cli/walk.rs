//! Input files: paths, folders walked recursively with a filter, `-` for
//! standard input, and `--files-from` lists.
//!
//! Folders are walked in name order; hidden entries (`.git`, `.cache`) are
//! skipped; symbolic links are followed, but a folder already visited (a
//! link loop) is not entered twice. A link that cannot be resolved (dangling,
//! or looping on itself) whose name passes the filter becomes an input, so
//! its error is reported like any other.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// One input of a file batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, with the relative path its output mirrors.
    File {
        /// The path to read.
        path: PathBuf,
        /// Where its output goes under an output folder (already sanitized).
        rel: PathBuf,
    },
    /// Standard input.
    Stdin,
    /// A folder or list that could not be read.
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why, lowercase.
        message: String,
    },
}

/// Which file names a folder walk keeps.
#[derive(Debug, Clone)]
pub struct Filter {
    globs: Vec<Glob>,
}

impl Filter {
    /// A filter from `--glob` patterns; with none, the default extensions
    /// `txt`, `html`, `htm` and `docx` (any case).
    pub fn new(patterns: &[String]) -> Filter {
        Filter {
            globs: patterns.iter().map(|p| Glob::new(p)).collect(),
        }
    }

    /// Whether the file at `rel` (relative to the walked folder) is kept.
    pub fn matches(&self, rel: &Path) -> bool {
        if self.globs.is_empty() {
            return rel
                .extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase())
                .is_some_and(|e| matches!(e.as_str(), "txt" | "html" | "htm" | "docx"));
        }
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let rel_str = rel.to_string_lossy().replace('\\', "/");
        self.globs.iter().any(|g| {
            if g.has_slash {
                g.matches(&rel_str)
            } else {
                g.matches(&name)
            }
        })
    }
}

/// Collects the inputs named by `args` (paths, folders, `-`), in order.
pub fn collect(args: &[PathBuf], filter: &Filter, list_rel: bool) -> Vec<Input> {
    let mut out = Vec::new();
    let mut visited = HashSet::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(arg) {
            Ok(m) if m.is_dir() => walk(arg, filter, &mut visited, &mut out),
            _ => {
                // A file (or a path that fails: reading it reports why).
                let rel = if list_rel {
                    sanitize(arg)
                } else {
                    arg.file_name().map(PathBuf::from).unwrap_or_default()
                };
                out.push(Input::File {
                    path: arg.clone(),
                    rel,
                });
            }
        }
    }
    out
}

/// Walks the folder `root` depth-first in name order.
fn walk(root: &Path, filter: &Filter, visited: &mut HashSet<PathBuf>, out: &mut Vec<Input>) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if let Ok(canonical) = std::fs::canonicalize(&dir) {
            if !visited.insert(canonical) {
                continue; // a link loop, or a folder given twice
            }
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(rd) => {
                let mut v: Vec<_> = rd.filter_map(|e| e.ok()).collect();
                v.sort_by_key(|e| e.file_name());
                v
            }
            Err(e) => {
                out.push(Input::Unreadable {
                    path: dir.clone(),
                    message: io_message(&e),
                });
                continue;
            }
        };
        let mut subdirs = Vec::new();
        for entry in entries {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let is_dir = match entry.file_type() {
                Ok(t) if t.is_symlink() => std::fs::metadata(&path).is_ok_and(|m| m.is_dir()),
                Ok(t) => t.is_dir(),
                Err(_) => false,
            };
            if is_dir {
                subdirs.push(path);
                continue;
            }
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if filter.matches(&rel) {
                out.push(Input::File {
                    rel: sanitize(&rel),
                    path,
                });
            }
        }
        stack.extend(subdirs.into_iter().rev());
    }
}

/// A lowercase message for an I/O error.
pub fn io_message(e: &std::io::Error) -> String {
    e.to_string().to_lowercase()
}

/// `path` made relative and safe to join under an output folder: only its
/// normal components are kept (no root, no `.` or `..`).
///
/// ```ignore
/// assert_eq!(sanitize(Path::new("/a/../b/./c.txt")), PathBuf::from("a/b/c.txt"));
/// ```
pub fn sanitize(path: &Path) -> PathBuf {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// A shell-style pattern: `*` (not across `/`), `**` (across `/`), `?`,
/// `[abc]`, `[a-z]`, `[!a]`; anything else is literal.
#[derive(Debug, Clone)]
struct Glob {
    tokens: Vec<Token>,
    has_slash: bool,
}

#[derive(Debug, Clone)]
enum Token {
    Lit(char),
    Any,
    Star,
    DoubleStar,
    Class(Vec<(char, char)>, bool),
}

impl Glob {
    fn new(pattern: &str) -> Glob {
        let chars: Vec<char> = pattern.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '*' if chars.get(i + 1) == Some(&'*') => {
                    tokens.push(Token::DoubleStar);
                    i += 2;
                    // `**/` also matches no folder at all.
                    if chars.get(i) == Some(&'/') {
                        i += 1;
                    }
                    continue;
                }
                '*' => tokens.push(Token::Star),
                '?' => tokens.push(Token::Any),
                '[' => {
                    if let Some(close) = chars[i + 1..].iter().skip(1).position(|&c| c == ']') {
                        let body = &chars[i + 1..i + 2 + close];
                        let (negated, body) = match body.first() {
                            Some('!') | Some('^') => (true, &body[1..]),
                            _ => (false, body),
                        };
                        let mut ranges = Vec::new();
                        let mut j = 0;
                        while j < body.len() {
                            if j + 2 < body.len() && body[j + 1] == '-' {
                                ranges.push((body[j], body[j + 2]));
                                j += 3;
                            } else {
                                ranges.push((body[j], body[j]));
                                j += 1;
                            }
                        }
                        tokens.push(Token::Class(ranges, negated));
                        i += close + 3;
                        continue;
                    }
                    tokens.push(Token::Lit('['));
                }
                c => tokens.push(Token::Lit(c)),
            }
            i += 1;
        }
        Glob {
            tokens,
            has_slash: pattern.contains('/'),
        }
    }

    /// Whether the whole of `text` matches (dynamic programming, linear in
    /// pattern times text).
    fn matches(&self, text: &str) -> bool {
        let t: Vec<char> = text.chars().collect();
        let n = t.len();
        // reach[j]: the pattern so far matches t[..j].
        let mut reach = vec![false; n + 1];
        reach[0] = true;
        for tok in &self.tokens {
            let mut next = vec![false; n + 1];
            match tok {
                Token::Star | Token::DoubleStar => {
                    let cross = matches!(tok, Token::DoubleStar);
                    let mut on = false;
                    for j in 0..=n {
                        if reach[j] {
                            on = true;
                        }
                        next[j] = on;
                        if j < n && t[j] == '/' && !cross {
                            on = false;
                        }
                    }
                }
                _ => {
                    for j in 0..n {
                        if reach[j] && tok_matches(tok, t[j]) {
                            next[j + 1] = true;
                        }
                    }
                }
            }
            reach = next;
        }
        reach[n]
    }
}

/// Whether a one-character token matches `c`.
fn tok_matches(tok: &Token, c: char) -> bool {
    match tok {
        Token::Lit(l) => *l == c,
        Token::Any => c != '/',
        Token::Class(ranges, negated) => {
            ranges.iter().any(|(a, b)| (*a..=*b).contains(&c)) != *negated && c != '/'
        }
        Token::Star | Token::DoubleStar => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        let g = |p: &str, t: &str| Glob::new(p).matches(t);
        assert!(g("*.txt", "a.txt"));
        assert!(!g("*.txt", "a.txt.json"));
        assert!(!g("*.txt", "d/a.txt"));
        assert!(g("**/*.txt", "a.txt"));
        assert!(g("**/*.txt", "d/e/a.txt"));
        assert!(g("d/*.htm?", "d/a.html"));
        assert!(g("[0-9]*_通知.txt", "001_通知.txt"));
        assert!(!g("[!0-9]*", "001"));
    }

    #[test]
    fn default_filter_and_globs() {
        let f = Filter::new(&[]);
        assert!(f.matches(Path::new("a/B.DOCX")));
        assert!(!f.matches(Path::new("a/b.pdf")));
        let f = Filter::new(&["*.md".to_string(), "sub/*.txt".to_string()]);
        assert!(f.matches(Path::new("x/README.md")));
        assert!(f.matches(Path::new("sub/a.txt")));
        assert!(!f.matches(Path::new("a.txt")));
    }

    #[test]
    fn sanitize_keeps_normal_components() {
        assert_eq!(
            sanitize(Path::new("/a/../b/./c.txt")),
            PathBuf::from("a/b/c.txt")
        );
        assert_eq!(sanitize(Path::new("../../")), PathBuf::new());
    }
}
