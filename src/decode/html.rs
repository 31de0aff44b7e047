//! HTML pages, as saved from government sites, to lines of text.
//!
//! Parsing is [`scraper`]'s, which wraps html5ever, the HTML5 tree-construction
//! algorithm of the spec: implied end tags (an unclosed `<li>`, `<p>` or
//! `<td>`), case-insensitive tags, stray end tags, raw-text elements and
//! character references are handled as a browser does. (A tree that ignores
//! end tags not closing the innermost element, as the `tl` crate's does,
//! nests the rest of the page inside one unclosed `<li>` of a navigation bar,
//! and dropping the navigation then drops the document.) `scraper` was chosen
//! over html5ever with `markup5ever_rcdom`, which is lighter but documented
//! as unsupported and not meant for arbitrary input; its `ego_tree` DOM is an
//! arena, so deep trees drop without recursion. The DOM is walked with an
//! explicit stack, so deep nesting cannot overflow the call stack.
//!
//! Two departures from the spec, in a filter between html5ever's tokenizer
//! and tree builder: elements nest at most 512 deep, as in Blink (deeper
//! block start tags become line breaks, other start tags are dropped, text
//! is kept), since html5ever's scope checks would take quadratic time on
//! 100,000 unclosed `<div>`s; and a `</p>` with no open `p` is ignored like
//! other stray end tags, not made an empty paragraph. A U+FFFD that the
//! parser makes (for `&#0;`) is dropped unless the page has one.
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
//! one cell per line; a table with a table inside is a layout table.

use super::TableBuf;
use encoding_rs::Encoding;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use html5ever::tree_builder::{Tracer, TreeBuilder, TreeSink};
use html5ever::TokenizerResult;
use scraper::{node::Element, Html, HtmlTreeSink, Node};
use std::cell::Cell;

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

/// Elements dropped with their content.
const SKIP_TAGS: &[&str] = &[
    "head",
    "nav",
    "footer",
    "aside",
    "form",
    "select",
    "button",
    "menu",
    "svg",
    "canvas",
    "object",
    "video",
    "audio",
    "map",
    "dialog",
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
    "hr",
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

/// An element being walked (`N` is a DOM node reference).
struct Open<'a, N> {
    name: &'a str,
    /// Lines written when it opened: an empty `<p>` wrote none.
    mark: usize,
    /// Its next child to visit.
    next: Option<N>,
}

/// The converter's state.
#[derive(Default)]
struct Converter {
    lines: Vec<String>,
    line: String,
    space: bool,
    newline_in_space: bool,
    /// Open `pre`/`listing` elements.
    pre: usize,
    /// Open `article`/`main` elements (a `header` inside one is kept).
    article: usize,
    tables: Vec<TableBuf>,
    /// Lines written so far (outside tables), for empty paragraphs.
    written: usize,
    /// The last thing was a `<br>` that ended a line.
    after_br: bool,
    /// Whether U+FFFD is in the page; if not, the parser made it (for
    /// `&#0;` or a NUL) and it is dropped: text never gains characters
    /// the page did not have.
    fffd_in_page: bool,
}

/// Converts an HTML page to lines of text (see the module docs).
pub(crate) fn html_to_text(html: &str) -> String {
    let dom = parse(html);
    let mut c = Converter {
        fffd_in_page: html.contains('\u{fffd}'),
        ..Converter::default()
    };
    let root = dom.tree.root();
    let mut stack = vec![Open {
        name: "",
        mark: 0,
        next: root.first_child(),
    }];
    while let Some(top) = stack.last_mut() {
        let Some(node) = top.next else {
            if let Some(open) = stack.pop() {
                c.close(&open);
            }
            continue;
        };
        top.next = node.next_sibling();
        match node.value() {
            Node::Text(text) => c.text(text),
            // `open` starts the element, or drops it with its content.
            Node::Element(e) if c.open(e) => stack.push(Open {
                name: e.name(),
                mark: c.written,
                next: node.first_child(),
            }),
            _ => {}
        }
    }
    c.break_line();
    while c.lines.last().is_some_and(|l| l.is_empty()) {
        c.lines.pop();
    }
    c.lines.join("\n")
}

/// How deep elements nest at most. html5ever looks through the stack of
/// open elements for most tags, so 100,000 unclosed `<div>`s would take
/// quadratic time; browsers cap the depth too (Blink at 512).
const MAX_DEPTH: usize = 512;

/// Start tags kept past [`MAX_DEPTH`]: elements that never stay open, and
/// raw-text elements, whose content the tokenizer must not read as markup.
const ALWAYS_KEPT: &[&str] = &[
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
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

/// Parses a page with html5ever into scraper's DOM, through [`Filter`].
fn parse(html: &str) -> Html {
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), Default::default());
    let tokenizer = Tokenizer::new(Filter(builder), Default::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.0.sink.finish()
}

/// A DOM node handle of scraper's tree.
type Handle = <HtmlTreeSink as TreeSink>::Handle;

/// Passes tokens to html5ever's tree builder, with two changes:
///
/// - the tree is at most [`MAX_DEPTH`] deep: past that, a block start tag
///   becomes a `<br>` (its line break is kept) and any other start tag is
///   dropped; text is always kept;
/// - a `</p>` with no open `p` is ignored, as other stray end tags are
///   (the spec makes it an empty paragraph, which would be a blank line).
struct Filter(TreeBuilder<Handle, HtmlTreeSink>);

impl TokenSink for Filter {
    type Handle = Handle;

    fn process_token(&self, mut token: Token, line: u64) -> TokenSinkResult<Handle> {
        if let Token::TagToken(tag) = &mut token {
            let name: &str = &tag.name;
            if tag.kind == TagKind::StartTag
                && !ALWAYS_KEPT.contains(&name)
                && self.depth() >= MAX_DEPTH
            {
                if !BLOCK_TAGS.contains(&name) {
                    return TokenSinkResult::Continue;
                }
                tag.name = "br".into();
                tag.attrs.clear();
            } else if tag.kind == TagKind::EndTag && name == "p" && !self.p_open() {
                return TokenSinkResult::Continue;
            }
        }
        self.0.process_token(token, line)
    }

    fn end(&self) {
        self.0.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.0
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

impl Filter {
    /// How many elements the tree builder holds: open ones and active
    /// formatting ones.
    fn depth(&self) -> usize {
        let count = Cell::new(0);
        self.0
            .trace_handles(&Each(|_: &Handle| count.set(count.get() + 1)));
        count.get()
    }

    /// Whether a `p` element is open.
    fn p_open(&self) -> bool {
        let dom = self.0.sink.0.borrow();
        let found = Cell::new(false);
        self.0.trace_handles(&Each(|id: &Handle| {
            let element = dom.tree.get(*id).and_then(|n| n.value().as_element());
            if element.is_some_and(|e| e.name() == "p") {
                found.set(true);
            }
        }));
        found.get()
    }
}

/// A [`Tracer`] calling a function on each handle.
struct Each<F>(F);

impl<F: Fn(&Handle)> Tracer for Each<F> {
    type Handle = Handle;

    fn trace_handle(&self, node: &Handle) {
        (self.0)(node);
    }
}

/// Whether the words of an attribute value name page furniture.
fn furniture_words(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        v.to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| SKIP_WORDS.contains(&w))
    })
}

/// Whether an element is page furniture or hidden.
fn is_furniture(e: &Element) -> bool {
    let hidden = e.attr("style").is_some_and(|s| {
        s.to_ascii_lowercase()
            .replace(|c: char| c.is_ascii_whitespace(), "")
            .contains("display:none")
    });
    hidden || furniture_words(e.attr("class")) || furniture_words(e.attr("id"))
}

impl Converter {
    /// Starts element `e`; false if it is dropped, content and all.
    fn open(&mut self, e: &Element) -> bool {
        let n = e.name();
        if BLOCK_TAGS.contains(&n) {
            self.break_line();
        }
        // A `<header>` is the site's banner, unless it heads an article.
        let banner = n == "header" && self.article == 0;
        if banner || SKIP_TAGS.contains(&n) || is_furniture(e) {
            return false;
        }
        match n {
            "br" => self.br(),
            "pre" | "listing" => self.pre += 1,
            "article" | "main" => self.article += 1,
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
        true
    }

    /// Ends an element.
    fn close<N>(&mut self, e: &Open<'_, N>) {
        let n = e.name;
        if BLOCK_TAGS.contains(&n) {
            self.break_line();
        }
        match n {
            "p" if self.written == e.mark => self.blank_line(),
            "pre" | "listing" => self.pre = self.pre.saturating_sub(1),
            "article" | "main" => self.article = self.article.saturating_sub(1),
            "table" => {
                if let Some(t) = self.tables.pop() {
                    for line in t.into_lines() {
                        self.push_line(line);
                    }
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        for ch in text.chars() {
            if ch == '\u{fffd}' && !self.fffd_in_page {
                continue;
            }
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
    fn unclosed_and_stray_tags_nest_as_in_a_browser() {
        // An unclosed <li> in the navigation and an upper-case <BR> close
        // where the spec says: the navigation is dropped, the text kept.
        let page = "<div class=\"nav\"><ul><li>首页<li>政务公开</div>\
            <DIV>一、总体要求<BR>（一）指导思想</span></DIV>\
            <p>甲<div>乙</div></p><p>丙</p>";
        assert_eq!(
            html_to_text(page),
            "一、总体要求\n（一）指导思想\n甲\n乙\n丙"
        );
        // A <head> left open ends where the body's content starts.
        assert_eq!(
            html_to_text("<head><title>网站</title><div>正文</div>"),
            "正文"
        );
    }

    #[test]
    fn depth_is_capped_and_text_kept() {
        let page = "<div>".repeat(2_000) + "<p>甲</p><p>乙</p><span>丙</span>";
        assert_eq!(html_to_text(&page), "甲\n乙丙");
    }

    #[test]
    fn replacement_characters_only_from_the_page() {
        assert_eq!(html_to_text("<p>甲&#0;乙&#xD800;丙</p>"), "甲乙丙");
        assert_eq!(html_to_text("<p>甲\u{fffd}乙</p>"), "甲\u{fffd}乙");
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
