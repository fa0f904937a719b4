//! HTML pages: one record each, the main text extracted and the page chrome dropped.
//!
//! Two passes. A streaming tokenizer pass (html5ever's tokenizer, no tree)
//! always runs: it reads the meta tags (dates, canonical URL, site name,
//! language, title) and collects the page's plain text without scripts,
//! styles and navigation. Then, if the page's tree is of a sane shape,
//! Readability (`dom_smoothie`) picks the article out of it; when Readability
//! finds nothing or the tree is too deep or too big, the plain text stands in.

use std::cell::RefCell;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};

use dom_smoothie::{Article, Config, Readability, TextMode};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::convert::{parse_published, Converter, RawRecord};
use crate::{read_capped, Ctx, IngestError};

/// Pages with more elements than this skip Readability, whose scoring gets
/// slow on huge trees.
const MAX_ELEMENTS: usize = 100_000;

/// Pages nested deeper than this skip Readability: `dom_query`, under it,
/// walks trees recursively, and a deep enough page overflows the stack, which
/// aborts the process rather than panicking. Measured on a 2 MiB test-thread
/// stack in a dev build, Readability got through 16,000 levels and overflowed
/// at 32,000; real pages rarely pass 60, and browsers cap the tree at 512.
const MAX_DEPTH: usize = 512;

/// Elements whose text is never part of a statement, removed before
/// Readability runs: on a short page it may keep a menu as the best text it
/// has. A `<header>` may hold an article's own heading, so only the page's
/// top-level one goes. `<form>` stays: some sites wrap the whole page in one.
const CHROME: &str = "script, style, noscript, template, iframe, object, embed, svg, canvas, \
                      nav, footer, aside, button, select, body > header";

/// The same, for the tokenizer pass, which sees tags but not the tree.
const CHROME_TAGS: [&str; 13] = [
    "script", "style", "noscript", "template", "iframe", "object", "svg", "canvas", "nav",
    "footer", "aside", "button", "select",
];

/// Elements that have no end tag, and so are never skipped past.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose boundaries are line breaks in the plain text.
const BLOCKS: [&str; 30] = [
    "address",
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tr",
    "ul",
    "body",
];

/// Elements that never bound the tree builder's scopes: an end tag, or a
/// start tag that closes its own kind, reaches past them to the element it closes.
const PHRASING: [&str; 29] = [
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "dfn", "em", "font", "i", "kbd",
    "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
    "time", "tt", "u", "var",
];

/// Start tags that close an open `<p>`, as the tree builder does.
const CLOSE_P: [&str; 24] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "div",
    "dl",
    "fieldset",
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
    "main",
    "nav",
    "ol",
    "pre",
    "ul",
];

/// Meta names or properties that carry a publication date, most trusted first.
const DATE_META: [&str; 5] = [
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
];

pub(crate) fn read(
    ctx: &Ctx,
    input: &mut dyn Read,
    conv: &mut Converter<'_>,
) -> Result<(), IngestError> {
    let cfg = conv.cfg();
    let bytes = read_capped(ctx, input, cfg.max_file_bytes)?;
    let location = ctx.at(1);
    let html = match std::str::from_utf8(&bytes) {
        Ok(s) => s,
        Err(e) => {
            let reason = format!(
                "invalid UTF-8 at byte {}: readout reads UTF-8 pages only",
                e.valid_up_to()
            );
            conv.reject(location, reason);
            return Ok(());
        }
    };
    // The extractors are outside code fed hostile input; a bug in them should
    // cost one page, not the whole run.
    match catch_unwind(AssertUnwindSafe(|| extract(html))) {
        Ok(raw) => conv.push(location, raw),
        Err(_) => {
            tracing::warn!(source = %location, "HTML extractor panicked");
            conv.reject(location, "the HTML extractor failed on this page");
        }
    }
    Ok(())
}

/// Extracts a page's record. Never fails: a page with no text gives an empty
/// body, which the converter rejects.
pub(crate) fn extract(html: &str) -> RawRecord {
    let scan = scan(html);
    let mut dates: Vec<String> = scan.dates.iter().map(|(_, d)| d.clone()).collect();
    let mut raw = RawRecord {
        url: scan.url.or(scan.canonical),
        site_name: scan.site_name,
        lang: scan.lang,
        ..RawRecord::default()
    };
    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let h1 = squash(&scan.h1);
    let og_title = squash(scan.og_title.as_deref().unwrap_or(""));
    let plain_title = [squash(&scan.title), og_title.clone(), h1.clone()]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    let article = if scan.too_deep || scan.elements > MAX_ELEMENTS {
        tracing::debug!(
            elements = scan.elements,
            "page too deep or too big for Readability; using plain text"
        );
        None
    } else {
        readability(html)
    };
    let title = match article {
        Some(article) => {
            raw.body = Some(paragraphs(&article.text_content));
            dates.extend(article.published_time);
            raw.site_name = raw.site_name.or(article.site_name);
            raw.url = raw.url.or(article.url);
            if article.title.trim().is_empty() {
                plain_title
            } else {
                article.title
            }
        }
        None => {
            raw.body = Some(paragraphs(&scan.text));
            plain_title
        }
    };
    raw.title = Some(without_site_name(&squash(&title), &[&h1, &og_title]));
    dates.extend(scan.time);
    // A date that does not parse is passed on so that the rejection quotes it,
    // unless another one parses.
    raw.published = dates
        .iter()
        .find(|d| parse_published(d).is_some())
        .or(dates.first())
        .cloned();
    raw
}

/// Readability's article, if the page is of a shape it can take and it finds text.
fn readability(html: &str) -> Option<Article> {
    let config = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    // `new` fails only for a bad document URL, and we give none.
    let mut page = Readability::new(html, None, Some(config)).ok()?;

    // Measure the tree by walking it with a cursor rather than recursion, for
    // the reason given at `MAX_DEPTH`. Nothing else may touch the tree first.
    let (mut node, mut depth, mut elements) = (page.doc.root(), 0usize, 0usize);
    'walk: loop {
        elements += usize::from(node.is_element());
        if depth > MAX_DEPTH || elements > MAX_ELEMENTS {
            tracing::debug!(
                depth,
                elements,
                "page too deep or too big for Readability; using plain text"
            );
            return None;
        }
        if let Some(child) = node.first_child() {
            node = child;
            depth += 1;
            continue;
        }
        loop {
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) if depth > 0 => {
                    node = parent;
                    depth -= 1;
                }
                _ => break 'walk,
            }
        }
    }

    page.doc.select(CHROME).remove();
    match page.parse() {
        Ok(article) if !article.text_content.trim().is_empty() => Some(article),
        Ok(_) => {
            tracing::debug!("Readability found no text; using plain text");
            None
        }
        Err(e) => {
            tracing::debug!(error = %e, "Readability failed; using plain text");
            None
        }
    }
}

/// The page's own heading when `title` is that heading plus the site's name
/// ("Statement of FM Spokesperson | KCNA Watch"), else `title`.
fn without_site_name(title: &str, headings: &[&str]) -> String {
    const SEPARATORS: [char; 7] = [
        '|', '-', '\u{2013}', '\u{2014}', ':', '\u{00bb}', '\u{00b7}',
    ];
    for heading in headings
        .iter()
        .filter(|h| !h.is_empty() && h.len() < title.len())
    {
        let rest = title
            .strip_prefix(*heading)
            .map(|r| r.trim_start())
            .or_else(|| title.strip_suffix(*heading).map(|r| r.trim_end()));
        if rest.is_some_and(|r| r.starts_with(SEPARATORS) || r.ends_with(SEPARATORS)) {
            return (*heading).to_owned();
        }
    }
    title.to_owned()
}

/// Extracted text with one paragraph per line: extractors separate blocks by
/// blank lines, and stored statements keep paragraphs on lines of their own.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the tokenizer pass learns of a page.
#[derive(Debug, Default)]
struct Scan {
    /// Dates from meta tags, with their rank in [`DATE_META`].
    dates: Vec<(usize, String)>,
    /// The first `<time datetime>`, weaker than any meta tag.
    time: Option<String>,
    url: Option<String>,
    canonical: Option<String>,
    site_name: Option<String>,
    og_title: Option<String>,
    lang: Option<String>,
    title: String,
    h1: String,
    /// The page's text outside chrome, blocks on lines of their own.
    text: String,

    in_title: bool,
    title_done: bool,
    in_h1: bool,
    h1_done: bool,
    pending_space: bool,
    /// The chrome element being skipped, and how many of its name are open.
    skip: Option<(String, usize)>,
    /// Open `<article>` and `<main>` elements, inside which a `<header>` is content.
    in_article: usize,
    /// Elements open at this point, as far as the tokens tell; see [`Scan::track`].
    open: Vec<String>,
    /// The page nests deeper than [`MAX_DEPTH`], or may.
    too_deep: bool,
    /// Start tags of elements with content, which is about the number of
    /// elements the tree will have.
    elements: usize,
}

fn scan(html: &str) -> Scan {
    let sink = ScanSink(RefCell::new(Scan::default()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    // The sink never asks to pause for a script, so one feed reads it all.
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let mut scan = tokenizer.sink.0.into_inner();
    scan.dates.sort_by_key(|(rank, _)| *rank);
    scan
}

struct ScanSink(RefCell<Scan>);

impl TokenSink for ScanSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut scan = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => scan.tag(&tag),
            Token::CharacterTokens(text) => {
                scan.chars(&text);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

impl Scan {
    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        // Tell the tokenizer where text is raw, as a tree builder would; else
        // `<script>` contents would be read as markup.
        let next = match name {
            _ if !start => TokenSinkResult::Continue,
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        };
        if start {
            self.meta(tag);
        }
        match (name, start) {
            ("title", true) if !self.title_done => self.in_title = true,
            ("title", false) if self.in_title => (self.in_title, self.title_done) = (false, true),
            ("h1", true) if !self.h1_done => self.in_h1 = true,
            ("h1", false) if self.in_h1 => (self.in_h1, self.h1_done) = (false, true),
            _ => {}
        }
        let void = VOID.contains(&name);
        self.track(name, start, void);
        if let Some((skipped, open)) = &mut self.skip {
            if skipped == name && !void {
                if start {
                    *open += 1;
                } else {
                    *open -= 1;
                    if *open == 0 {
                        self.skip = None;
                    }
                }
            }
            return next;
        }
        let chrome = CHROME_TAGS.contains(&name) || (name == "header" && self.in_article == 0);
        if start && chrome && !void {
            self.skip = Some((name.to_owned(), 1));
            return next;
        }
        if name == "article" || name == "main" {
            if start {
                self.in_article += 1;
            } else {
                self.in_article = self.in_article.saturating_sub(1);
            }
        }
        if BLOCKS.contains(&name) {
            self.text.push('\n');
            self.pending_space = false;
        } else if matches!(name, "td" | "th") {
            self.pending_space = true;
        }
        next
    }

    /// Follows how deep the tree being built would be, to keep too deep a
    /// page away from the tree builder (which slows down quadratically with
    /// depth: 16 s for 60,000 levels) and from Readability (see [`MAX_DEPTH`]).
    ///
    /// It must never guess shallower than the tree builder builds, so it
    /// closes an element only where the tree builder surely does: an end tag
    /// or a self-closing start tag (`<p>`, `<li>`, ...) reaching it through
    /// phrasing elements only. Anything else it keeps open, guessing deeper.
    fn track(&mut self, name: &str, start: bool, void: bool) {
        if self.too_deep || void {
            return;
        }
        // A list item closes the open one even across a paragraph or `<div>`
        // in it; cells and rows are closed by the next cell or row, across
        // the cells of the closed row; blocks close an open paragraph.
        let (closes, also_through): (Option<&str>, &[&str]) = match (name, start) {
            (_, false) => (Some(name), &[]),
            ("p" | "option" | "td" | "th", true) => (Some(name), &[]),
            ("li" | "dt" | "dd", true) => (Some(name), &["p", "div", "address"]),
            ("tr", true) => (Some("tr"), &["td", "th"]),
            (_, true) if CLOSE_P.contains(&name) => (Some("p"), &[]),
            _ => (None, &[]),
        };
        if let Some(closes) = closes {
            for i in (0..self.open.len()).rev() {
                let open = self.open[i].as_str();
                let kin = |a: &str, b: &str| {
                    matches!(
                        (a, b),
                        ("td", "th") | ("th", "td") | ("dt", "dd") | ("dd", "dt")
                    )
                };
                if open == closes || (start && kin(open, closes)) {
                    self.open.truncate(i);
                    break;
                }
                if !PHRASING.contains(&open) && !also_through.contains(&open) {
                    break;
                }
            }
        }
        if start {
            self.elements += 1;
            self.open.push(name.to_owned());
            if self.open.len() > MAX_DEPTH {
                self.too_deep = true;
                self.open = Vec::new();
            }
        }
    }

    fn chars(&mut self, text: &str) {
        if self.in_title {
            self.title.push_str(text);
            return;
        }
        if self.skip.is_some() {
            return;
        }
        if self.in_h1 {
            self.h1.push_str(text);
        }
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.pending_space = false;
            self.text.push(c);
        }
    }

    fn meta(&mut self, tag: &Tag) {
        let attr = |name: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| a.value.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let first = |slot: &mut Option<String>, value: Option<String>| {
            if slot.is_none() {
                *slot = value;
            }
        };
        match &*tag.name {
            "meta" => {
                let Some(content) = attr("content") else {
                    return;
                };
                for key in ["property", "name", "itemprop"]
                    .into_iter()
                    .filter_map(attr)
                {
                    let key = key.to_ascii_lowercase();
                    if let Some(rank) = DATE_META.iter().position(|m| *m == key) {
                        self.dates.push((rank, content.clone()));
                    }
                    match key.as_str() {
                        "og:url" => first(&mut self.url, Some(content.clone())),
                        "og:site_name" => first(&mut self.site_name, Some(content.clone())),
                        "og:title" => first(&mut self.og_title, Some(content.clone())),
                        _ => {}
                    }
                }
            }
            "link" => {
                let canonical = attr("rel").is_some_and(|rel| {
                    rel.split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if canonical {
                    first(&mut self.canonical, attr("href"));
                }
            }
            "time" => first(&mut self.time, attr("datetime")),
            "html" => first(&mut self.lang, attr("lang")),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str, title: &str, body: &str, published: Option<&str>) {
        let raw = extract(html);
        assert_eq!(raw.title.as_deref(), Some(title), "title");
        assert_eq!(raw.body.as_deref(), Some(body), "body");
        assert_eq!(raw.published.as_deref(), published, "published");
    }

    #[test]
    fn tiny_pages_keep_their_text_without_chrome() {
        check(
            "<html><head><title>T</title><script>var x=1</script></head>\
             <body><nav>Home | About</nav><p>One.</p><p>Two.</p><script>alert(1)</script></body></html>",
            "T",
            "One.\nTwo.",
            None,
        );
        check("", "", "", None);
        check("<<<>>>&&&", "", "<<<>>>&&&", None);
    }

    #[test]
    fn plain_text_pass_skips_chrome_and_keeps_blocks() {
        let scan = scan(
            "<html lang=ko><head><title> A  title </title><style>p{}</style></head><body>\
             <header>Masthead</header><nav><nav>inner</nav>still nav</nav>\
             <article><header><h1>Head</h1></header><p>One <b>bold</b> word.</p>\
             <script>if (a<b) { document.write('</p>') }</script><p>Two<br>lines</p></article>\
             <embed src=x><footer>Foot</footer><p>After</p></body></html>",
        );
        assert_eq!(
            paragraphs(&scan.text),
            "Head\nOne bold word.\nTwo\nlines\nAfter"
        );
        assert_eq!(scan.title, " A  title ");
        assert_eq!(scan.h1, "Head");
        assert_eq!(scan.lang.as_deref(), Some("ko"));
    }

    #[test]
    fn dates_prefer_meta_tags_that_parse() {
        let html = r#"<html><head>
            <meta name="date" content="20 June">
            <meta property="article:published_time" content="2024-06-20T10:15:00+09:00">
            </head><body><p>Text.</p><time datetime="2001-01-01">old</time></body></html>"#;
        assert_eq!(
            extract(html).published.as_deref(),
            Some("2024-06-20T10:15:00+09:00")
        );
        let html = r#"<html><head><meta name="date" content="20 June"></head><body><p>x</p></body></html>"#;
        assert_eq!(extract(html).published.as_deref(), Some("20 June"));
    }

    #[test]
    fn site_names_are_cut_from_titles() {
        let check = |title: &str, expected: &str| {
            assert_eq!(
                without_site_name(title, &["Statement", ""]),
                expected,
                "for {title:?}"
            );
        };
        check("Statement | KCNA Watch", "Statement");
        check("KCNA Watch \u{2014} Statement", "Statement");
        check("Statement of the Ministry", "Statement of the Ministry");
        check("Statement", "Statement");
    }

    #[test]
    fn depth_guesses_follow_implied_end_tags_but_never_guess_shallow() {
        let check = |html: &str, too_deep: bool| {
            assert_eq!(
                scan(html).too_deep,
                too_deep,
                "for {}…",
                &html[..60.min(html.len())]
            );
        };
        let n = MAX_DEPTH + 10;
        // Old pages that never close paragraphs, list items or cells are flat.
        check(&"<p>para <b>bold</b> <i>open".repeat(n), false);
        check(
            &format!("<ul>{}</ul>", "<li><p>item <a href=x>link</a>".repeat(n)),
            false,
        );
        check(
            &format!("<dl>{}</dl>", "<dt><div>term<dd>def".repeat(n)),
            false,
        );
        check(
            &format!("<table>{}</table>", "<tr><td>a<td><span>b<th>c".repeat(n)),
            false,
        );
        check(&"<p>text<div>block</div>".repeat(n), false);
        // What the tree builder nests, so must the guess.
        check(&"<div>".repeat(n), true);
        check(&"<div/>".repeat(n), true);
        check(&"<div></x>".repeat(n), true);
        check(&"<p><button>".repeat(n), true);
        check(&format!("<ul>{}</ul>", "<li><ul>".repeat(n)), true);
        check(&"<table><tr><td>".repeat(n), true);
    }

    #[test]
    fn deep_pages_skip_readability() {
        let nest = |n: usize| format!("{}<p>Deep text.</p>", "<div>".repeat(n));
        assert!(readability(&nest(MAX_DEPTH + 10)).is_none());
        assert_eq!(
            extract(&nest(MAX_DEPTH + 10)).body.as_deref(),
            Some("Deep text.")
        );
        // Just under the limit, Readability runs, on a test thread's small stack.
        assert_eq!(
            extract(&nest(MAX_DEPTH - 10)).body.as_deref(),
            Some("Deep text.")
        );
    }
}
