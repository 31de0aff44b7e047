//! HTML pages, as saved from government sites, to lines of text.
//!
//! A streaming tokenizer, not a DOM: it reads tags, text, comments and the
//! raw-text elements (`script`, `style`, ...) in one linear pass, keeps a
//! stack of open elements with the implied ends of HTML (`<p>`, `<li>`,
//! `<td>`, `<tr>` close themselves) and matches end tags case-insensitively,
//! ignoring stray ones. This replaces the `tl` crate, whose tree ignores an
//! end tag that does not close the innermost element: one unclosed `<li>` in
//! a navigation bar, or an upper-case `<BR>`, nests the rest of the page
//! inside it, and dropping the navigation then drops the document.
//!
//! Output: block elements and `<br>` end lines; white space collapses as in
//! a browser (a line break between two Chinese characters disappears, as CSS
//! does for wide characters); entities are decoded. An empty paragraph
//! (`<p>&nbsp;</p>`, a second `<br>` in a row) leaves one blank line, as text
//! copies of such pages have; runs of them collapse to one.
//! `head`, `script`, `style`, `nav`, `footer`, `aside`, forms, a `header`
//! outside `article`/`main`, and
//! elements whose class or id names a navigation, menu, footer, breadcrumb
//! or share bar are dropped, as are elements hidden with `display:none`.
//! Tables follow [`TableBuf`]: `cell | cell |` rows for metadata tables, else
//! one cell per line.

use super::TableBuf;
use encoding_rs::Encoding;

/// The encoding a `<meta charset>` (or `http-equiv` content type) in the
/// first 4 KiB names, if any.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes[..bytes.len().min(4096)]
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let mut from = 0;
    while let Some(pos) = find(&head[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while head.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if head.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while head
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let start = i;
        while head
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&head[start..i]) {
            return Some(enc);
        }
    }
    None
}

/// The position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Elements whose content is dropped, with their descendants.
const SKIP_TAGS: &[&str] = &[
    "head", "nav", "footer", "aside", "form", "select", "button", "menu", "svg", "canvas",
    "object", "video", "audio", "map", "dialog",
];

/// Elements whose content is raw text, read to their end tag and dropped.
const RAW_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
];

/// Class or id words that mark page furniture.
const SKIP_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "footer",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "share",
    "sidebar",
    "topbar",
    "toolbar",
    "copyright",
    "position",
    "location",
];

/// Elements that end a line where they open and close.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Void elements: never pushed on the stack.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "basefont", "bgsound", "frame", "image",
];

/// How deep end-tag matching looks into the stack (keeps pathological
/// nesting linear).
const MAX_SEARCH: usize = 512;

/// An open element.
struct Elem {
    name: String,
    skip: bool,
    /// Lines written when it opened: an empty `<p>` wrote none.
    mark: usize,
}

/// The converter's state.
#[derive(Default)]
struct Converter {
    lines: Vec<String>,
    line: String,
    space: bool,
    newline_in_space: bool,
    stack: Vec<Elem>,
    skipping: usize,
    pre: usize,
    tables: Vec<TableBuf>,
    /// Lines written so far (outside tables), for empty paragraphs.
    written: usize,
    /// The last thing was a `<br>` that ended a line.
    after_br: bool,
}

/// Converts an HTML page to lines of text (see the module docs).
pub(crate) fn html_to_text(html: &str) -> String {
    let mut c = Converter::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            if html[i..].starts_with("<!--") {
                i = match html[i + 4..].find("-->") {
                    Some(p) => i + 4 + p + 3,
                    None => bytes.len(),
                };
                continue;
            }
            if next == b'!' || next == b'?' {
                i = match html[i..].find('>') {
                    Some(p) => i + p + 1,
                    None => bytes.len(),
                };
                continue;
            }
            if next == b'/' && bytes.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
                let (name, end) = read_name(html, i + 2);
                i = skip_tag(html, end).0;
                c.end_tag(&name);
                continue;
            }
            if next.is_ascii_alphabetic() {
                let (name, end) = read_name(html, i + 1);
                let (after, attrs) = skip_tag(html, end);
                i = after;
                if RAW_TAGS.contains(&name.as_str()) {
                    i = skip_raw(html, i, &name);
                    continue;
                }
                c.start_tag(name, attrs);
                continue;
            }
        }
        // Text up to the next tag-like `<`.
        let mut j = i + 1;
        while j < bytes.len() {
            if bytes[j] == b'<' {
                let n = bytes.get(j + 1).copied().unwrap_or(0);
                if n.is_ascii_alphabetic() || matches!(n, b'/' | b'!' | b'?') {
                    break;
                }
            }
            j += 1;
        }
        c.text(&html[i..j]);
        i = j;
    }
    while let Some(e) = c.stack.pop() {
        c.close(e);
    }
    c.break_line();
    while c.lines.last().is_some_and(|l| l.is_empty()) {
        c.lines.pop();
    }
    c.lines.join("\n")
}

/// Reads a tag name from `start`, lowercased; returns it and where it ends.
fn read_name(html: &str, start: usize) -> (String, usize) {
    let bytes = html.as_bytes();
    let mut end = start;
    while end < bytes.len()
        && !(bytes[end].is_ascii_whitespace() || matches!(bytes[end], b'/' | b'>'))
    {
        end += 1;
    }
    (html[start..end].to_ascii_lowercase(), end)
}

/// Skips the attributes of a tag from `from` to after its `>`, honouring
/// quoted values; returns that position and the attribute text.
fn skip_tag(html: &str, from: usize) -> (usize, &str) {
    let bytes = html.as_bytes();
    let mut i = from;
    let mut quote = 0u8;
    while i < bytes.len() {
        let b = bytes[i];
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else if b == b'"' || b == b'\'' {
            quote = b;
        } else if b == b'>' {
            return (i + 1, &html[from..i]);
        }
        i += 1;
    }
    (bytes.len(), &html[from..])
}

/// Skips the content of a raw-text element to after its end tag.
fn skip_raw(html: &str, from: usize, name: &str) -> usize {
    let needle = format!("</{name}");
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(p) = html[i..].find("</") {
        let at = i + p;
        if bytes.len() >= at + needle.len()
            && bytes[at..at + needle.len()].eq_ignore_ascii_case(needle.as_bytes())
        {
            return skip_tag(html, at + needle.len()).0;
        }
        i = at + 2;
    }
    bytes.len()
}

/// The value of attribute `key` in a tag's attribute text, lowercased.
fn attr(attrs: &str, key: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut from = 0;
    while let Some(p) = lower[from..].find(key) {
        let at = from + p;
        from = at + key.len();
        let before_ok = at == 0 || bytes[at - 1].is_ascii_whitespace();
        let mut i = at + key.len();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if !before_ok || bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let (start, end) = match bytes.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = lower[i + 1..]
                    .find(q as char)
                    .map_or(bytes.len(), |e| i + 1 + e);
                (i + 1, end)
            }
            _ => {
                let end = lower[i..]
                    .find(|c: char| c.is_ascii_whitespace())
                    .map_or(bytes.len(), |e| i + e);
                (i, end)
            }
        };
        return Some(lower[start..end].to_string());
    }
    None
}

/// Whether an element with these attributes is page furniture or hidden.
fn is_furniture(attrs: &str) -> bool {
    if attrs.is_empty() {
        return false;
    }
    let words = |key| {
        attr(attrs, key).is_some_and(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| SKIP_WORDS.contains(&w))
        })
    };
    let hidden = attr(attrs, "style").is_some_and(|s| s.replace(' ', "").contains("display:none"));
    hidden || words("class") || words("id")
}

impl Converter {
    fn start_tag(&mut self, name: String, attrs: &str) {
        let n = name.as_str();
        if VOID_TAGS.contains(&n) {
            if n == "br" {
                self.br();
            } else if n == "hr" {
                self.break_line();
            }
            return;
        }
        // Implied end tags.
        match n {
            "li" => self.pop_until(&["li"], &["ul", "ol", "menu", "table"]),
            "dt" | "dd" => self.pop_until(&["dt", "dd"], &["dl", "table"]),
            "tr" => self.pop_until(&["tr"], &["table"]),
            "td" | "th" => self.pop_until(&["td", "th"], &["tr", "table"]),
            "option" => self.pop_until(&["option"], &["select"]),
            "tbody" | "thead" | "tfoot" => self.pop_until(&["tbody", "thead", "tfoot"], &["table"]),
            _ => {}
        }
        if BLOCK_TAGS.contains(&n) && self.stack.last().is_some_and(|e| e.name == "p") {
            if let Some(e) = self.stack.pop() {
                self.close(e);
            }
        }
        // A `<header>` is the site's banner, unless it heads an article.
        let banner = n == "header"
            && !self
                .stack
                .iter()
                .any(|e| matches!(e.name.as_str(), "article" | "main"));
        let skip = banner || SKIP_TAGS.contains(&n) || is_furniture(attrs);
        if skip {
            self.skipping += 1;
        }
        if BLOCK_TAGS.contains(&n) {
            self.break_line();
        }
        match n {
            "pre" | "listing" => self.pre += 1,
            "table" => {
                if let Some(outer) = self.tables.last_mut() {
                    outer.set_nested();
                }
                self.tables.push(TableBuf::default());
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.start_row();
                }
            }
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    t.start_cell();
                }
            }
            _ => {}
        }
        let mark = self.written;
        self.stack.push(Elem { name, skip, mark });
    }

    fn end_tag(&mut self, name: &str) {
        if name == "br" {
            self.br();
            return;
        }
        let found = self
            .stack
            .iter()
            .rev()
            .take(MAX_SEARCH)
            .position(|e| e.name == name);
        if let Some(depth) = found {
            for _ in 0..=depth {
                if let Some(e) = self.stack.pop() {
                    self.close(e);
                }
            }
        }
    }

    /// Closes the nearest open element named in `names`, unless an element
    /// named in `boundary` comes first.
    fn pop_until(&mut self, names: &[&str], boundary: &[&str]) {
        let mut depth = None;
        for (d, e) in self.stack.iter().rev().take(MAX_SEARCH).enumerate() {
            if names.contains(&e.name.as_str()) {
                depth = Some(d);
                break;
            }
            if boundary.contains(&e.name.as_str()) {
                break;
            }
        }
        if let Some(depth) = depth {
            for _ in 0..=depth {
                if let Some(e) = self.stack.pop() {
                    self.close(e);
                }
            }
        }
    }

    fn close(&mut self, e: Elem) {
        let n = e.name.as_str();
        if BLOCK_TAGS.contains(&n) {
            self.break_line();
        }
        if n == "p" && self.written == e.mark && self.skipping == 0 {
            self.blank_line();
        }
        match n {
            "pre" | "listing" => self.pre = self.pre.saturating_sub(1),
            "table" => {
                if let Some(t) = self.tables.pop() {
                    for line in t.into_lines() {
                        self.push_line(line);
                    }
                }
            }
            _ => {}
        }
        if e.skip {
            self.skipping = self.skipping.saturating_sub(1);
        }
    }

    fn text(&mut self, raw: &str) {
        if self.skipping > 0 {
            return;
        }
        let decoded = decode_entities(raw);
        for ch in decoded.chars() {
            if self.pre > 0 {
                match ch {
                    '\n' => self.break_line(),
                    '\r' => {}
                    _ => self.line.push(ch),
                }
                continue;
            }
            if matches!(ch, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.space = true;
                self.newline_in_space |= ch == '\n' || ch == '\r';
                continue;
            }
            if self.space && !self.line.is_empty() {
                let joined = self.newline_in_space
                    && self.line.chars().next_back().is_some_and(is_wide)
                    && is_wide(ch);
                if !joined {
                    self.line.push(' ');
                }
            }
            self.space = false;
            self.newline_in_space = false;
            self.line.push(ch);
        }
    }

    /// A `<br>`: ends the line; a second one in a row leaves a blank line.
    fn br(&mut self) {
        if self.line.trim().is_empty() && self.after_br {
            self.blank_line();
        }
        self.break_line();
        self.after_br = true;
    }

    /// An empty paragraph: one blank line (never two in a row, none first,
    /// none in tables), as text copies of pages keep them.
    fn blank_line(&mut self) {
        if self.tables.is_empty() && self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// Ends the current line.
    fn break_line(&mut self) {
        self.after_br = false;
        self.space = false;
        self.newline_in_space = false;
        if self.line.is_empty() {
            return;
        }
        let line = std::mem::take(&mut self.line);
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            self.push_line(trimmed.to_string());
        }
    }

    /// Adds a finished line to the innermost table's cell, or the output.
    fn push_line(&mut self, line: String) {
        match self.tables.last_mut() {
            Some(t) => t.push_line(line),
            None => {
                self.lines.push(line);
                self.written += 1;
            }
        }
    }
}

/// Whether `c` is a wide (CJK) character, between which HTML source line
/// breaks vanish.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2e80..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0xfe30..=0xfe4f | 0xff00..=0xff60 | 0xffe0..=0xffe6 | 0x20000..=0x3ffff)
}

/// Decodes character references (`&amp;`, `&#20013;`, `&#x4e2d;`, `&nbsp;`).
/// Unknown or malformed references stay as written.
fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .char_indices()
            .take(32)
            .find(|(_, c)| !c.is_ascii_alphanumeric() && *c != '#')
            .map(|(i, _)| i + 1);
        let (name, consumed) = match end {
            Some(e) if rest[e..].starts_with(';') => (&rest[1..e], e + 1),
            Some(e) => (&rest[1..e], e),
            None if rest.len() <= 33 => (&rest[1..], rest.len()),
            None => ("", 1),
        };
        match entity(name) {
            Some(c) => {
                out.push(c);
                rest = &rest[consumed..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The character a reference name stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "le" => '≤',
        "ge" => '≥',
        "permil" => '‰',
        "yen" => '¥',
        "copy" => '©',
        "reg" => '®',
        "laquo" => '«',
        "raquo" => '»',
        "sup2" => '²',
        "sup3" => '³',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_and_furniture() {
        let page = r#"<!DOCTYPE html><HTML><HEAD><TITLE>标题_网站</TITLE>
            <meta charset="utf-8"><style>p{color:red}</style></HEAD>
            <BODY><div class="nav"><ul><li>首页<li>政务公开</ul></div>
            <div id="breadcrumb">当前位置：首页 &gt; 文件</div>
            <script>document.write("</div><p>假</p>")</script>
            <div class="article"><P>一、总体要求<p>&nbsp;</p><p></p><P>1.发展特需医疗服务。（市卫生计生委牵头；<BR>市科技局配合）
            <p>推进健康
            服务业&nbsp;发展&amp;创新&#x4e2d;&#22269;</p></div>
            <div class="footer">版权所有</div><!-- <p>注释</p> --></BODY></HTML>"#;
        assert_eq!(
            html_to_text(page),
            "一、总体要求\n\n1.发展特需医疗服务。（市卫生计生委牵头；\n市科技局配合）\n推进健康服务业\u{a0}发展&创新中国"
        );
    }

    #[test]
    fn double_br_leaves_a_blank_line() {
        assert_eq!(
            html_to_text("<div><p></p>甲<br>乙<br>\n<br/>丙<br><br><br>丁<br><br></div><p></p>"),
            "甲\n乙\n\n丙\n\n丁"
        );
    }

    #[test]
    fn tables_one_cell_per_line_and_meta_rows() {
        let page = "<table><tr><td>索引号：</td><td>123</td><td>发布机构：</td><td>市政府</td></tr>\
            <tr><td>文号：</td><td>保政办发〔2018〕66号</td><td></td></tr></table>\
            <p>专栏1</p><table><tr><th>序号<th>指标<th>2025年<tr><td>1<td>人均预期寿命（岁）<td>≥82</table>";
        assert_eq!(
            html_to_text(page),
            "索引号： | 123 | 发布机构： | 市政府 |\n文号： | 保政办发〔2018〕66号 |\n专栏1\n序号\n指标\n2025年\n1\n人均预期寿命（岁）\n≥82"
        );
    }

    #[test]
    fn layout_tables_keep_their_lines() {
        let page = "<table><tr><td><table><tr><td>索引号</td><td>1</td></tr></table>\
            <p>一、总体要求</p><p>二、重点任务</p></td></tr></table>";
        assert_eq!(
            html_to_text(page),
            "索引号 | 1 |\n一、总体要求\n二、重点任务"
        );
    }

    #[test]
    fn broken_markup_never_panics() {
        for page in [
            "<",
            "<p",
            "<p class=\"x",
            "&",
            "&#",
            "&#x110000;",
            "&#0;",
            "</",
            "<!--",
            "<!",
            "<script>",
            "<table><td>a<tr>b</table></table></td>",
            "<div><div><div>深",
            "a < b 和 c>d",
        ] {
            let _ = html_to_text(page);
        }
        assert_eq!(html_to_text("a < b 和 &foo; c>d"), "a < b 和 &foo; c>d");
        let deep = "<div>".repeat(100_000) + "文本";
        assert_eq!(html_to_text(&deep), "文本");
    }

    #[test]
    fn meta_charset_is_found() {
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
            ),
            Some(encoding_rs::GBK)
        );
        assert_eq!(
            declared_charset(b"<META CHARSET='GBK'>"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(declared_charset(b"<p>charset</p>"), None);
    }
}
