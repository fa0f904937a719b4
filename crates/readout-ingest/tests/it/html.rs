//! HTML pages: main text, metadata, and hostile input.

use expect_test::{expect, Expect};
use readout_ingest::ReadConfig;

use crate::{read_one, render};

fn check_with(html: &str, cfg: &ReadConfig, expected: Expect) {
    let (items, _) = read_one("page.html", html.as_bytes(), cfg).unwrap();
    assert_eq!(items.len(), 1, "a page is one record");
    expected.assert_eq(&render(&items));
}

fn check(html: &str, expected: Expect) {
    check_with(html, &ReadConfig::default(), expected);
}

const PARAGRAPH: &str = "The Ministry of Foreign Affairs issued a statement on the situation, \
     which it described at length, and the delegation met its counterparts to discuss \
     cooperation in many fields over the coming years.";

fn article_page() -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="EN">
<head>
  <title>Statement of FM Spokesperson | KCNA Watch</title>
  <meta property="og:site_name" content="KCNA Watch">
  <meta property="og:url" content="https://example.org/article/1">
  <meta property="article:published_time" content="2024-06-20T10:15:00+09:00">
  <style>body {{ color: red }}</style>
  <script>var tracking = "SCRIPT-CONTENT";</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/about">About</a> NAV-CONTENT</nav>
  <div class="sidebar"><ul><li><a href="/x">Related link</a></li></ul></div>
  <article>
    <h1>Statement of FM Spokesperson</h1>
    <p>Pyongyang, June 20 (KCNA) -- {PARAGRAPH}</p>
    <p>{PARAGRAPH}</p>
    <script>document.write("SCRIPT-IN-BODY")</script>
    <p>Last paragraph of the statement, shorter.</p>
  </article>
  <footer>Copyright FOOTER-CONTENT</footer>
</body>
</html>"#
    )
}

#[test]
fn article_text_and_metadata() {
    check(
        &article_page(),
        expect![[r#"
            1: KCNA 2024-06-20T10:15:00 "Statement of FM Spokesperson" url="https://example.org/article/1" lang="en"
               body "Pyongyang, June 20 (KCNA) -- The Ministry of Foreign Affairs issued a statement on the situation, which it described at length, and the delegation met its counterparts to discuss cooperation in many fields over the coming years.\nThe Ministry of Foreign Affairs issued a statement on the situation, which it described at length, and the delegation met its counterparts to discuss cooperation in many fields over the coming years.\nLast paragraph of the statement, shorter."
        "#]],
    );
}

#[test]
fn site_name_is_the_outlet_only_without_a_default() {
    let page = article_page().replace("(KCNA) ", "");
    let (items, _) = read_one("page.html", page.as_bytes(), &ReadConfig::default()).unwrap();
    assert_eq!(items[0].as_ref().unwrap().doc.outlet, "KCNA Watch");
    let cfg = ReadConfig {
        default_outlet: Some("KCNA".to_owned()),
        ..ReadConfig::default()
    };
    let (items, _) = read_one("page.html", page.as_bytes(), &cfg).unwrap();
    assert_eq!(items[0].as_ref().unwrap().doc.outlet, "KCNA");
}

#[test]
fn dates_from_time_elements_and_datelines() {
    check(
        r#"<html><head><link rel="canonical" href="https://example.org/c"></head>
           <body><p>Moscow, 13 September (TASS) — Talks.</p><time datetime="2023-09-13">Sept 13</time></body></html>"#,
        expect![[r#"
            1: TASS 2023-09-13 "" url="https://example.org/c"
               body "Moscow, 13 September (TASS) — Talks.\nSept 13"
        "#]],
    );
    let cfg = ReadConfig {
        default_year: Some(2023),
        ..ReadConfig::default()
    };
    check_with(
        "<html><body><div><p>Pyongyang, June 24 (KCNA) -- Only a dateline.</p></div></body></html>",
        &cfg,
        expect![[r#"
            1: KCNA 2023-06-24 (guessed) ""
               body "Pyongyang, June 24 (KCNA) -- Only a dateline."
               note: year 2023 taken from the default year
        "#]],
    );
    check(
        r#"<html><head><meta name="date" content="last Tuesday"></head><body><p>Text.</p></body></html>"#,
        expect![[r#"
            1: REJECTED unparseable date "last Tuesday": expected a date like 2024-06-20, 2024-06-20T10:15:00Z or an RFC 2822 date
        "#]],
    );
}

/// Text that must never reach a stored body.
const POISON: [&str; 5] = ["SCRIPT", "alert", "NAV-CONTENT", "FOOTER-CONTENT", "color:"];

fn assert_clean(html: &str) -> String {
    let cfg = ReadConfig {
        default_year: Some(2024),
        ..ReadConfig::default()
    };
    let (items, _) = read_one("hostile.html", html.as_bytes(), &cfg).unwrap();
    assert_eq!(items.len(), 1);
    let rec = items[0].as_ref().expect("the page has a statement in it");
    for poison in POISON {
        assert!(
            !rec.doc.body.contains(poison),
            "{poison:?} in {:?}",
            rec.doc.body
        );
        assert!(
            !rec.doc.title.contains(poison),
            "{poison:?} in {:?}",
            rec.doc.title
        );
    }
    assert!(rec
        .doc
        .body
        .chars()
        .all(|c| !c.is_control() || c == '\n' || c == '\t'));
    rec.doc.body.clone()
}

#[test]
fn hostile_pages_give_clean_text() {
    let statement = "<p>Pyongyang, June 24 (KCNA) -- The real statement.</p>";

    // Scripts in odd places, unclosed and with fake closing tags inside strings.
    let body = assert_clean(&format!(
        "<script>alert('SCRIPT</scr' + 'ipt>')</script><body>{statement}\
         <SCRIPT type=text/javascript>alert(1)<!--</SCRIPT>-->\
         <style>p {{ color: red }}</style><noscript>SCRIPT-NOSCRIPT</noscript>\
         <svg><script>alert(2)</script></svg><nav>NAV-CONTENT</nav>\
         <footer>FOOTER-CONTENT</footer><script>alert('unclosed SCRIPT"
    ));
    assert!(
        body.starts_with("Pyongyang, June 24 (KCNA) -- The real statement."),
        "{body:?}"
    );

    // Deep nesting of unclosed junk.
    let deep = format!(
        "<html><body>{}{statement}{}</body></html>",
        "<div><span><b>".repeat(20_000),
        "<i>x".repeat(10_000)
    );
    let body = assert_clean(&deep);
    assert!(body.contains("The real statement."), "{body:?}");

    // A huge attribute, control characters and broken entities.
    let huge = format!(
        "<html><body><div data-x=\"{}\">{statement}<p>nul\u{0}\u{1b}[31m &#0; &#xD800; &bogus; &#99999999;</p></div></body></html>",
        "A".repeat(5 << 20)
    );
    let body = assert_clean(&huge);
    assert!(body.contains("The real statement."), "{body:?}");
    assert!(!body.contains("AAAA"));
}

#[test]
fn pages_without_text_are_rejected_not_errors() {
    for html in [
        "",
        "<html></html>",
        "<script>alert(1)</script>",
        "\u{0}\u{0}<!-- x -->",
    ] {
        let (items, summary) =
            read_one("empty.html", html.as_bytes(), &ReadConfig::default()).unwrap();
        assert_eq!(summary.rejected, 1, "{html:?}");
        assert!(
            items[0].as_ref().unwrap_err().reason.contains("body"),
            "{items:?}"
        );
    }
    let (items, _) = read_one("latin1.html", b"<p>caf\xe9</p>", &ReadConfig::default()).unwrap();
    assert_eq!(
        items[0].as_ref().unwrap_err().reason,
        "invalid UTF-8 at byte 6: readout reads UTF-8 pages only"
    );
}
