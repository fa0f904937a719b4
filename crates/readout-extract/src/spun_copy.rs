//! Names in a spun copy (docs/extract.md, step 7). A spinner swaps a body's
//! head word as readily as any other ("the Finnish National Eisteddfod for the
//! Study of the Juche Idea"), and a title before a name, so neither tells a name
//! there. These readings apply where a text is read as spun (evidence of
//! spinning, or many rare words), not in edited copy:
//! - `spun_bodies`: runs of capitalised words after "the", after a post's "of
//!   the", in a list of bodies, with "and" inside what a body is of
//!   (`purpose_goes_on`);
//! - `acronym_bodies`: a known acronym and the words the spinner left after it
//!   ("KPA Mole 318");
//! - `spun_people`: foreign names after garbled titles;
//! - `spun_korean_names`: Korean names with a syllable that is an English word
//!   swapped ("Sideward Myung Bak", "Choe Yong Pneumatic Tire").

use crate::gazetteer;
use crate::model::Field;
use crate::{
    capitalised, initials_stop, is_month_or_day, joins_a_name, known_acronyms, Extractor,
    FieldWork, SpanKind, BODY_NOUNS, CAPITALISED_SMALL_WORDS, PLACE_NOUNS,
};

impl Extractor {
    /// In a spun copy the title before a foreign name is garbled ("Sudanese
    /// Executive Officer Omar Hassan Ahmed al-Bashir", "his Mexican analogon
    /// Patricia Espinosa Cantellano"), so no title cue finds the name. The
    /// name is what the spinner left: the last two to four words of a
    /// capitalised run, none an ordinary English word, the last no word of
    /// WordNet either (a family name), and none a head, place or date word.
    /// After "the", "in", "at" or "of" such words name a body or a place.
    pub(crate) fn spun_people(&self, w: &mut FieldWork<'_>) {
        if w.field != Field::Body {
            return;
        }
        let n = w.tokens.len();
        let mut i = 0;
        while let Some(c) = w.next_capital(i) {
            i = c;
            if !w.free_capital(i) {
                i += 1;
                continue;
            }
            // The capitalised run from i, hyphenated words taken whole.
            let mut words = vec![i];
            let mut k = i + 1;
            while k < n {
                if w.free_capital(k) && w.tokens[k].start > w.tokens[k - 1].end {
                    words.push(k);
                    k += 1;
                } else if w.hyphen_at(k) && w.word(k + 1).is_some() && w.owner[k + 1].is_none() {
                    k += 2;
                } else if w.article_joined(k) && k + 2 < n && w.free_capital(k + 2) {
                    words.push(k + 2);
                    k += 3;
                } else {
                    break;
                }
            }
            let end = k - 1;
            let name_like = |x: &str| !self.is_ordinary(x);
            let unlisted = |x: &str| !self.spun.is_common_word(&x.to_lowercase());
            // The longest tail of name-like words.
            let tail = words
                .iter()
                .rev()
                .take_while(|&&t| w.word(t).is_some_and(name_like))
                .count();
            // "Prexy Juan Manuel Santos", "Mogul Norodom Sihanouk": of three
            // words or more, an uncommon English word first is the garbled
            // title's.
            let tail = if tail > 2
                && w.word(words[words.len() - tail])
                    .is_some_and(|x| x.len() >= 3 && self.is_common_english(x))
            {
                tail - 1
            } else {
                tail
            };
            if !(2..=4).contains(&tail) {
                i = k.max(i + 1);
                continue;
            }
            let name = &words[words.len() - tail..];
            let first = name[0];
            // "a message from Zillur Rahman, doge of Bangladesh", "Dermot
            // Hudson, supervisor of the British Branch of ...": a name with a
            // post of a country or a body after it. A place's word is no
            // post ("Kuala Lumpur, capital of Malaysia").
            let apposition = w.is_punct(end + 1, ',')
                && (end + 2..end + 7).any(|k| {
                    w.is_word(k, "of")
                        && match w.span_starting(w.skip_the(k + 1)) {
                            Some((_, s)) => {
                                matches!(s.kind, SpanKind::Org { .. })
                                    || matches!(s.kind, SpanKind::Country { adjective, .. }
                                    if !adjective || w.word(s.last + 1).is_some_and(|x| {
                                        x.starts_with(char::is_uppercase)
                                    }))
                            }
                            None => w
                                .word(w.skip_the(k + 1))
                                .is_some_and(|x| x.starts_with(char::is_uppercase)),
                        }
                })
                && (end + 2..end + 7)
                    .take_while(|&k| !w.is_word(k, "of"))
                    .all(|k| {
                        w.word(k).is_some_and(|x| {
                            x.starts_with(|c: char| c.is_lowercase()) && !PLACE_NOUNS.contains(&x)
                        })
                    });
            // "the ...", "in ...", "at ...": a body or a place.
            let before_is_article = first > 0
                && ["the", "in", "at", "from", "off", "near", "of", "into"]
                    .iter()
                    .any(|x| w.is_word(first - 1, x))
                && !(apposition && w.is_word(first - 1, "from"));
            let in_quotes = w.quotes.iter().any(|&(a, b)| a < first && end < b);
            // A family name is no English word; a place and a garbled word
            // after it ("Jagang Dukedom") end in one.
            if !before_is_article
                && !in_quotes
                && (apposition || w.word(name[name.len() - 1]).is_some_and(unlisted))
                && name.iter().all(|&t| {
                    w.word(t).is_some_and(|x| {
                        !self.names.not_names.contains(x)
                            && !self.names.heads.contains(x)
                            && !self.names.other_heads.contains(x)
                            && !self.names.venues.contains(x)
                            && !is_month_or_day(x)
                            && x.chars().any(|c| c.is_lowercase())
                    })
                })
                && !w
                    .word(end + 1)
                    .is_some_and(|x| x.starts_with(char::is_uppercase))
            {
                self.add_person(w, first, end);
            }
            i = k.max(i + 1);
        }
    }

    /// "KPA Mole 318", "the UN Steadiness Council": in a spun copy a body
    /// named after an acronym keeps the acronym and little else. After a
    /// known body's acronym, one to three free capitalised words (and a
    /// number) that end a run of capitals in running text are read as a
    /// body, unless one of them is a word of a war, a day, a place or a
    /// venue. The acronym's body is reported besides.
    pub(crate) fn acronym_bodies(&self, w: &mut FieldWork<'_>) {
        if w.field != Field::Body {
            return;
        }
        let n = w.tokens.len();
        let acronyms = known_acronyms(w);
        for (first, last) in acronyms {
            let mut k = last + 1;
            let mut words = 0;
            while k < n && words < 3 {
                let ok = w.owner[k].is_none()
                    && w.word(k).is_some_and(|x| {
                        x.len() >= 2
                            && x.starts_with(|c: char| c.is_ascii_uppercase())
                            && x.chars().any(|c| c.is_ascii_lowercase())
                            && !CAPITALISED_SMALL_WORDS.contains(&x)
                            && !is_month_or_day(x)
                            && !self.names.other_heads.contains(x)
                            && !self.names.place_heads.contains(x)
                            && !self.names.venues.contains(x)
                            && !self.names.not_names.contains(x)
                    });
                if !ok {
                    break;
                }
                words += 1;
                k += 1;
            }
            if words == 0 {
                continue;
            }
            // "KPA Unit 318": a number ends it.
            if w.owner.get(k).is_some_and(Option::is_none)
                && w.word(k)
                    .is_some_and(|x| x.bytes().all(|c| c.is_ascii_digit()))
            {
                k += 1;
            }
            let ends = !w
                .word(k)
                .is_some_and(|x| x.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
                && !w.hyphen_at(k);
            let starts = first == 0
                || !w
                    .word(first - 1)
                    .is_some_and(|x| x.starts_with(char::is_uppercase));
            if ends && starts && w.owner[first..=last].iter().all(Option::is_some) {
                let inner: Vec<usize> = (first..=last).filter_map(|t| w.owner[t]).collect();
                let country = self.held_country(inner.iter().map(|&si| &w.spans[si].kind));
                for si in inner {
                    if matches!(w.spans[si].kind, SpanKind::Org { org: Some(_), .. }) {
                        let known = w.spans[si].clone();
                        w.nested.push(known);
                    }
                    w.absorb(si);
                }
                w.add_unlisted_org(first, k - 1, country);
            }
        }
    }

    /// In a spun copy a body's head word is as likely swapped as any other
    /// ("the Finnish National Eisteddfod for the Study of the Juche Idea"),
    /// so the head word cannot be what tells a name: after "the", a run of
    /// capitalised words that a joining word or a third word makes long
    /// enough is read as an unlisted body, unless its head is one of a
    /// war, a document, a day or a place ("the Fatherland Liberation War"),
    /// a venue word ends it, a date or a number begins it, or a person
    /// follows a country in it. So is the run after a post's "of the", an
    /// item of a list of bodies (after a body, or after "companies such
    /// as"). Inside the run may stand a possessive, a spinner's capitalised
    /// small word, "and" or a list in what the body is of, and the known
    /// person its purpose honours, last.
    pub(crate) fn spun_bodies(&self, w: &mut FieldWork<'_>) {
        if w.field != Field::Body {
            return;
        }
        let n = w.tokens.len();
        // A word of the name, free and capitalised (or a number), or a
        // span a name takes in; returns the last token taken.
        let part = |w: &FieldWork<'_>, k: usize| -> Option<usize> {
            let x = w.word(k)?;
            // A small word capitalised ("Power Of Attorney") is a spinner's
            // phrase, and evidence of its own.
            if !(x.starts_with(char::is_uppercase) || x.chars().all(|c| c.is_ascii_digit()))
                || CAPITALISED_SMALL_WORDS.contains(&x)
            {
                return None;
            }
            match w.span_at(k) {
                None => Some(k),
                Some((_, s)) if s.first == k && joins_a_name(&s.kind) => {
                    Some(s.last + usize::from(initials_stop(w, s.last)))
                }
                Some(_) if self.post_word_in_name(w, k) => Some(k),
                _ => None,
            }
        };
        // "Socialist Populate Party of Mexico, Socialist Plenum of Mexico,
        // ...": an item of a list whose item before is a body.
        let list_after = |w: &FieldWork<'_>, t: usize| {
            // "companies such as Johnson Nicholson Conglomerate, ...": the
            // first item of a list of bodies.
            if w.is_word(t, "as") && t > 1 && w.is_word(t - 1, "such") {
                let kind = w.word(t - 2).unwrap_or_default();
                return BODY_NOUNS.contains(&kind);
            }
            let before = if w.is_word(t, "and") && t > 0 && w.is_punct(t - 1, ',') {
                t - 1
            } else {
                t
            };
            (w.is_punct(t, ',') || w.is_word(t, "and"))
                && !w.is_word(t + 1, "the")
                && before > 0
                && w.span_at(before - 1).is_some_and(|(_, s)| {
                    s.last == before - 1 && matches!(s.kind, SpanKind::Org { .. })
                })
        };
        // After a spinner's capitalised small word, whether its phrase goes
        // on at `k`: with a word of the name (`Some(None)`), or with a post's
        // single word that ends it (`Some(Some(k))`).
        let phrase_goes_on = |w: &FieldWork<'_>, k: usize| -> Option<Option<usize>> {
            let x = w.word(k)?;
            if CAPITALISED_SMALL_WORDS.contains(&x) || !x.starts_with(char::is_uppercase) {
                return None;
            }
            if part(w, k).is_some() {
                return Some(None);
            }
            w.span_at(k)
                .filter(|(_, s)| {
                    s.first == k
                        && s.last == k
                        && matches!(s.kind, SpanKind::Role { .. } | SpanKind::TitleForm { .. })
                })
                .map(|_| Some(k))
        };
        let mut t = 0;
        while t + 1 < n {
            let list = list_after(w, t);
            // "... for Commemorating the Centenary of ...": after "for" and a
            // free capitalised word, "the" is inside a longer name, and
            // begins none.
            let in_purpose = t >= 2
                && w.free_capital(t - 1)
                && (w.is_word(t - 2, "for") || w.is_word(t - 2, "For"));
            let begins = w.is_word(t, "the") && !in_purpose;
            if !begins && !list {
                t += 1;
                continue;
            }
            let i = t + 1;
            let mut k = i;
            let mut capitals = 0;
            let mut joined = false;
            let mut honours = false;
            let mut possessive = false;
            let mut phrase = false;
            // Whether a body's name found before is a part of the run before
            // any "of" or "for" ("Malaysian Before Committee for ...").
            let mut body_part = false;
            let mut last = None;
            // The last word before the first joining word: the head.
            let mut head = None;
            loop {
                if let Some(e) = w.honoured_after_title(i, k).filter(|_| joined) {
                    // "Mexican Friend Aggregation for Memory of Provost Kim
                    // Il Sung": the known person a purpose honours, after a
                    // title garbled or not, ends the name.
                    capitals += 1;
                    last = Some(e);
                    honours = true;
                    break;
                } else if let Some(e) = part(w, k) {
                    capitals += 1;
                    last = Some(e);
                    if !joined {
                        head = Some(e);
                        body_part |= w
                            .span_at(k)
                            .is_some_and(|(_, s)| matches!(s.kind, SpanKind::Org { .. }));
                    }
                    k = e + 1;
                } else if last.is_some() && w.is_punct(k, '\'') && w.is_word(k + 1, "s") {
                    // A possessive inside makes the run long enough ("the
                    // Korean Assembly's Rabble"); not a country's ("the US's
                    // National Aeronautics and Space Administration"), nor
                    // one before a month ("the DPRK's October holidays").
                    let country = w
                        .span_at(k - 1)
                        .is_some_and(|(_, s)| matches!(s.kind, SpanKind::Country { .. }));
                    if !country
                        && part(w, k + 2).is_some()
                        && !w.word(k + 2).is_some_and(is_month_or_day)
                    {
                        capitals += 1;
                        possessive = true;
                    }
                    k += 2;
                } else if last.is_some()
                    && w.word(k)
                        .is_some_and(|x| CAPITALISED_SMALL_WORDS.contains(&x))
                    && w.is_punct(k + 1, '\'')
                    && w.is_word(k + 2, "s")
                    && part(w, k + 3).is_some()
                {
                    // "the Supreme Live At's Assembly": a spinner's phrase
                    // for a possessive word ("People's").
                    phrase = true;
                    possessive = true;
                    capitals += 1;
                    k += 3;
                } else if let Some(next) = w
                    .word(k)
                    .filter(|x| last.is_some() && CAPITALISED_SMALL_WORDS.contains(x))
                    .and_then(|_| phrase_goes_on(w, k + 1))
                {
                    // "Peerless Plant's At Home", "Chamber Of Deputies": a
                    // spinner's phrase inside the name. A post's word that
                    // ends it is taken here ("Deputies"); a name's word is
                    // read by the next turn of the loop.
                    phrase = true;
                    if let Some(post) = next {
                        capitals += 1;
                        last = Some(post);
                    }
                    k = next.map_or(k + 1, |post| post + 1);
                } else if last.is_some()
                    && w.is_punct(k, '\'')
                    && w.tokens[k].start == w.tokens[k - 1].end
                    && w.word(k - 1).is_some_and(|x| x.ends_with('s'))
                    && part(w, k + 1).is_some()
                {
                    // "Workers' Party": a plural possessive.
                    k += 1;
                } else if last.is_some() && w.hyphen_at(k) && part(w, k + 1).is_some() {
                    k += 1;
                } else if last.is_some()
                    && (["of", "for", "Of", "For"].iter().any(|x| w.is_word(k, x))
                        // "... Centre for Peace and Solidarity with Peoples":
                        // after "for", "with" goes on with the purpose.
                        || (w.is_word(k, "with") && (i..k).any(|t| w.is_word(t, "for"))))
                    && (part(w, k + 1).is_some()
                        || (w.is_word(k + 1, "the") && part(w, k + 2).is_some())
                        // "... for Memory of President Kim Il Sung".
                        || w.honoured_after_title(i, k + 1).is_some())
                {
                    joined = true;
                    k += 1 + usize::from(w.is_word(k + 1, "the"));
                } else if let Some(c) = w
                    .span_starting(k + 1)
                    .filter(|_| last.is_some() && w.is_word(k, "in"))
                    .filter(|(_, c)| {
                        matches!(
                            c.kind,
                            SpanKind::Country {
                                adjective: false,
                                ..
                            }
                        ) && w.is_word(c.last + 1, "for")
                            && part(w, c.last + 2).is_some()
                    })
                    .map(|(_, c)| c.last)
                {
                    // "... of Koreans in Japan for Peaceful Reunification": a
                    // purpose after the country.
                    capitals += 1;
                    last = Some(c);
                    k = c + 1;
                } else if joined
                    && w.is_word(k, "the")
                    && w.free_capital(k - 1)
                    && part(w, k + 1).is_some()
                {
                    // "... for Commemorating the Centenary of ...": an article
                    // inside a purpose.
                    k += 1;
                } else if joined
                    && !list
                    && (w.is_word(k, "and") || w.is_punct(k, ','))
                    && self.purpose_goes_on(w, k, i)
                {
                    // "Worldwide Administration of Forceps and Nonbook of
                    // China": after "of" or "for", "and" goes on with what
                    // the body is of, and so may a list's comma (not in an
                    // item of a list of bodies, where "and" begins the last).
                    k += 1 + usize::from(w.is_word(k, "and") && w.is_word(k + 1, "the"));
                } else {
                    break;
                }
            }
            let (Some(mut last), Some(mut head)) = (last, head) else {
                t += 1;
                continue;
            };
            // "... Hall Friday": a day or a month is no word of the name;
            // nor is the "No" of "No. 1".
            while last > i
                && w.word(last)
                    .is_some_and(|x| x == "No" || is_month_or_day(x))
            {
                last -= 1;
                // "the DPRK's October holidays": nor is a possessive before it.
                if last > i + 1 && w.is_word(last, "s") && w.is_punct(last - 1, '\'') {
                    last -= 2;
                }
                head = head.min(last);
            }
            // "... Youth League in Japan", "Seoul High Court of south Korea":
            // a country closes the name.
            if w.is_word(last + 1, "in") || w.is_word(last + 1, "of") {
                if let Some((_, c)) = w.span_starting(last + 2) {
                    if matches!(
                        c.kind,
                        SpanKind::Country {
                            adjective: false,
                            ..
                        }
                    ) {
                        last = c.last;
                    }
                }
            }
            let free = |k: usize| w.owner[k].is_none() && w.word(k).is_some();
            // "the Pyongyang Vegetable Field Of Study Institute": a body
            // made of the run's last words ("Study Institute") is a part of
            // the longer name.
            let unlisted_head = w.span_at(head).is_some_and(|(_, s)| {
                s.first > i && matches!(s.kind, SpanKind::Org { org: None, .. })
            });
            // "the Ministry of the Strain's Armed Forces", "the Presidium of
            // the DPRK Superior People's Chamber Of Deputies": an unlisted
            // body cut at a possessive or a spinner's capitalised small word
            // goes on after it, over a known body's words too.
            let cut_body_goes_on = (possessive || phrase)
                && w.span_starting(i).is_some_and(|(_, s)| {
                    s.last < last && matches!(s.kind, SpanKind::Org { org: None, .. })
                });
            // "the June 25-July 27 month": a date begins no name.
            let date_first = w.word(i).is_some_and(is_month_or_day);
            let head_word = w.word(head).unwrap_or_default();
            // "... Memorial Tower": a place's word ends the name too.
            let last_word = w.word(last).unwrap_or_default();
            let whole_span = w.span_starting(i).is_some_and(|(_, s)| s.last >= last);
            let in_quotes = w.quotes.iter().any(|&(a, b)| a < i && last < b);
            // "2011 World Weightlifting Championship": a year begins an
            // event; "Article 9 of ...", "New Year 2012": a number heads none.
            let number = |k: usize| {
                w.word(k)
                    .is_some_and(|x| x.starts_with(|c: char| c.is_ascii_digit()))
            };
            let number_first = number(i) || number(head);
            // A body's name ends in English words, if rare ones ("National
            // Eisteddfod"); a person's name does not ("Ibrahim Mantu").
            let english = |k: usize| w.word(k).is_some_and(|x| self.is_english(x));
            let ordinary_head = english(head) || (head > i && english(head - 1));
            // "the DPRK Valery E. Sukhinin": a person after a country, whose
            // name neither begins nor ends in a word of the word lists ("the
            // DPRK Unhasu Pit" is a body).
            let person_after_country = w.span_starting(i).is_some_and(|(_, s)| {
                let after = s.last + 1 + usize::from(initials_stop(w, s.last));
                matches!(s.kind, SpanKind::Country { .. })
                    && w.word(after)
                        .is_some_and(|x| w.owner[after].is_none() && !self.is_common_english(x))
                    && !w
                        .word(last)
                        .is_some_and(|x| x.len() >= 4 && self.is_common_english(x))
            });
            // "chairman of the DPRK National Defence Exercise": what a post
            // is of is a body, whatever its head word became.
            let slot = t >= 2
                && w.is_word(t - 1, "of")
                && w.span_at(t - 2).is_some_and(|(_, s)| {
                    s.last == t - 2
                        && matches!(s.kind, SpanKind::Role { .. } | SpanKind::TitleForm { .. })
                });
            // A name goes on past the run: "National Taekwon-Do Team", "the
            // Ehime Prefectural committee", "the General Staff of the
            // Japanese imperialist aggression forces"; or it names no body,
            // as "the Futenma U.S. Air base" does.
            let cut_short = w.hyphen_at(last + 1)
                || w.word(last + 1).is_some_and(|x| {
                    let head = capitalised(x);
                    x.starts_with(|c: char| c.is_ascii_lowercase())
                        && (self.names.heads.contains(head.as_str())
                            || self.names.other_heads.contains(head.as_str()))
                })
                || w.span_at(last).is_some_and(|(_, s)| {
                    s.last == last
                        && matches!(
                            s.kind,
                            SpanKind::Country {
                                adjective: true,
                                ..
                            }
                        )
                });
            let make = capitals >= 2
                && !number_first
                && !person_after_country
                && !whole_span
                && !in_quotes
                && !date_first
                && !cut_short
                && !self.names.place_heads.contains(head_word)
                // After a post an event's word is no head ("chairman of the
                // DPRK National Defence Exercise"), but a state's is ("of the
                // Republic of Mozambique").
                && (!self.names.other_heads.contains(head_word) || (slot && !joined))
                && ![head_word, last_word]
                    .iter()
                    .any(|x| self.names.venues.contains(x))
                && if slot {
                    (i..=last).any(free) || cut_body_goes_on
                } else if list {
                    // The head itself English: a person's family name is not
                    // ("Keith Bennett"); and the item ends where the list's
                    // next one begins, not before "and" and a capitalised
                    // word, which may go on with the name ("Hwanghae Iron
                    // and Steel Complex").
                    ((w.word(head).is_some_and(|x| x.len() >= 3 && self.is_common_english(x))
                        && free(head))
                        || (body_part && (i..=last).any(|k| w.free_capital(k))))
                        && (w.is_punct(last + 1, ',')
                            || (w.is_word(last + 1, "and")
                                && (!w.word(last + 2).is_some_and(|x| {
                                    x.starts_with(char::is_uppercase)
                                }) || w.span_starting(last + 2).is_some_and(|(_, s)| {
                                    // "... Association and Myanmar Foreign
                                    // Ministry": the next item's country.
                                    matches!(
                                        s.kind,
                                        SpanKind::Country { .. }
                                            | SpanKind::Org { .. }
                                            | SpanKind::Class(_)
                                    )
                                })))
                            || w.is_punct(last + 1, '.')
                            || w.is_punct(last + 1, ';'))
                } else {
                    (joined || capitals >= 3 || cut_body_goes_on)
                        && ordinary_head
                        && (free(head) || unlisted_head || cut_body_goes_on)
                };
            if make {
                let inside = |k: &SpanKind| {
                    joins_a_name(k)
                        || (honours && matches!(k, SpanKind::Person { .. }))
                        || ((honours || phrase)
                            && matches!(k, SpanKind::Role { .. } | SpanKind::TitleForm { .. }))
                };
                // A rank's word in the name is no title of its own.
                let ranks: Vec<usize> = (i..=last)
                    .filter(|&k| self.post_word_in_name(w, k))
                    .filter_map(|k| w.owner[k])
                    .collect();
                let ranks: Vec<(usize, SpanKind)> =
                    ranks.into_iter().map(|si| w.absorb(si)).collect();
                let inner = w.spans_within(i, last, inside);
                if inner.is_none() {
                    for (si, kind) in ranks {
                        w.restore(si, kind);
                    }
                }
                if let Some(inner) = inner {
                    let country = self.held_country(inner.iter().map(|&si| &w.spans[si].kind));
                    for &si in &inner {
                        // The person a purpose honours is reported too.
                        if matches!(w.spans[si].kind, SpanKind::Person { .. }) {
                            let person = w.spans[si].clone();
                            w.nested.push(person);
                        }
                        // A known body inside is reported besides the name
                        // ("... Chapter of Kanagawa Prefecture of Chongryon"),
                        // and an acronym first ("UN Steadiness Council"), but
                        // not the name's own first words when other words go
                        // on with them ("DPRK National Defence Deputize").
                        let (first, after) = (w.spans[si].first, w.spans[si].last + 1);
                        let acronym = w
                            .surface(first, after - 1)
                            .2
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c == '.');
                        if matches!(w.spans[si].kind, SpanKind::Org { org: Some(_), .. })
                            && (first > i || acronym || after > last || w.is_word(after, "of"))
                        {
                            let known = w.spans[si].clone();
                            w.nested.push(known);
                        }
                        w.spans[si].kind = SpanKind::Absorbed;
                    }
                    for o in &mut w.owner[i..=last] {
                        *o = None;
                    }
                    let idx = w.add_unlisted_org(i, last, country);
                    // "the C.C., the Workers' Debauch of Bangladesh".
                    self.central_committee_of(w, idx);
                }
            }
            t = last + 1;
        }
    }

    /// "... Main People's General Assembly": a post's or rank's one word
    /// at token `k`, before a head word, is a word of the name.
    fn post_word_in_name(&self, w: &FieldWork<'_>, k: usize) -> bool {
        w.span_at(k).is_some_and(|(_, s)| {
            s.first == k && s.last == k && matches!(s.kind, SpanKind::Role { .. })
        }) && w.owner.get(k + 1).is_some_and(Option::is_none)
            && w.word(k + 1).is_some_and(|x| self.names.heads.contains(x))
    }

    /// "Chairman of the National Defence Dividend Kim Jong Il", "according to
    /// Jiji Mob": a known name found in a spun copy, and after it one English
    /// word that names nothing of its own, are the one known body whose name
    /// is those words and one more (the spinner swapped its last word).
    pub(crate) fn swapped_last_words(&self, w: &mut FieldWork<'_>) {
        if w.field != Field::Body {
            return;
        }
        for idx in 0..w.spans.len() {
            let (first, last) = (w.spans[idx].first, w.spans[idx].last);
            if !matches!(w.spans[idx].kind, SpanKind::Org { org: Some(_), .. }) {
                continue;
            }
            let after = last + 1;
            let swapped = w.free_capital(after)
                && w.tokens[after].start == w.tokens[last].end + 1
                && w.word(after).is_some_and(|x| {
                    x.len() >= 3
                        && x[1..].bytes().all(|c| c.is_ascii_lowercase())
                        && self.is_english(x)
                        && self.may_be_swapped(x)
                        && !self.names.is_family(x)
                        && !is_month_or_day(x)
                });
            if !swapped {
                continue;
            }
            // "Rake-Off": a hyphenated word is one.
            let end = if w.hyphen_at(after + 1) && w.owner[after + 2].is_none() {
                after + 2
            } else {
                after
            };
            // A capitalised word or a number after it goes on with the name,
            // and so do "of", "for" and "in" ("National Defence Bite of the
            // DPRK"): the spun bodies read those. So do words after an
            // acronym ("KPA Mole 318").
            let (_, _, surface) = w.surface(first, last);
            let goes_on = w.free_capital(end + 1)
                || w.word(end + 1).is_some_and(|x| {
                    x.starts_with(|c: char| c.is_ascii_digit()) || ["of", "for", "in"].contains(&x)
                })
                || !surface.chars().any(|c| c.is_lowercase());
            if goes_on {
                continue;
            }
            let Some([org]) = self
                .org_by_words_but_last
                .get(&gazetteer::key_words(surface))
                .map(Vec::as_slice)
            else {
                continue;
            };
            let name = self.pack.organizations[*org].name.clone();
            w.spans[idx].kind = SpanKind::Org {
                org: Some(*org),
                name,
            };
            w.spans[idx].last = end;
            for o in &mut w.owner[after..=end] {
                *o = Some(idx);
            }
        }
    }

    /// In a spun copy, whether the "and" at `k`, or a list of words ending
    /// in "and" that begins with the comma at `k`, goes on with what the
    /// body that begins at `first` is of: no article after it, and
    /// capitalised words no other name holds, none a head word or a family
    /// name ("Ministry of Defence and Armed Personnel Dry Run of Iran",
    /// "Strain's Put-Off of Workers, Peasants and Students of Peru"; not
    /// "Association for X and Korean Friendship Association" nor "... and
    /// Ri Tong Ho"). Countries may stand among the words.
    fn purpose_goes_on(&self, w: &FieldWork<'_>, k: usize, first: usize) -> bool {
        // The capitalised words from `q`; the token after them, or None if
        // they are not free words.
        let words = |mut q: usize| -> Option<usize> {
            let mut free = 0;
            while let Some(x) = w.word(q).filter(|x| x.starts_with(char::is_uppercase)) {
                match w.owner[q] {
                    None => {
                        if self.names.heads.contains(x)
                            || self.names.is_family(x)
                            || self.names.not_names.contains(x)
                        {
                            return None;
                        }
                        free += 1;
                        q += 1;
                    }
                    Some(si) => match w.spans[si].kind {
                        SpanKind::Country { .. } => q = w.spans[si].last + 1,
                        _ => return None,
                    },
                }
                while w.hyphen_at(q) {
                    q += 2;
                }
            }
            (free > 0).then_some(q)
        };
        let mut k = k;
        // Items of a list: ", Peasants".
        while w.is_punct(k, ',') {
            let Some(q) = words(k + 1) else { return false };
            k = q;
        }
        if w.is_word(k, "and") && w.is_word(k + 1, "the") {
            return w.watched_subject_goes_on(k, first);
        }
        w.is_word(k, "and")
            && !self.and_starts_another(w, k, w.word(first))
            && words(k + 1).is_some()
    }

    /// In a spun copy a syllable of a Korean name that is also an English
    /// word ("Rim", "Song", "Lee") may be swapped for a synonym. A name of two
    /// syllables takes in the free capitalised word that stands for the
    /// third, just before it ("Sideward Myung Bak"; with a family name
    /// before that, two words for one: "Jang Folk Song Thaek") or just after
    /// it ("Choe Yong Enframe"); a family name, such a word and a syllable
    /// are a name too ("Jong Descant Ok"); no capitalised word may go on
    /// either side. The person is the one the two syllables named, or a
    /// known one whose name differs in that word alone, if only one does.
    pub(crate) fn spun_korean_names(&self, w: &mut FieldWork<'_>) {
        // A free capitalised word standing for a syllable: no syllable,
        // family name, head, venue or place word. Before or inside a name
        // it is English and no word of the pack's names; last, it need be
        // in no list the extractor holds ("Choe Yong Enframe"), and a month
        // is no date unless a day follows ("Yu Hyang March").
        let stand_in = |w: &FieldWork<'_>, k: usize, last: bool| {
            w.owner.get(k).is_some_and(Option::is_none)
                && w.word(k).is_some_and(|x| {
                    x.len() >= if last { 5 } else { 3 }
                        && x.starts_with(|c: char| c.is_ascii_uppercase())
                        && x[1..].bytes().all(|c| c.is_ascii_lowercase())
                        && !self.names.is_syllable(x)
                        && !self.names.is_family(x)
                        && self.may_be_swapped(x)
                        && !self.names.place_heads.contains(x)
                        && if last {
                            is_month_or_day(x) || !self.gazetteer.holds_word(x)
                        } else {
                            self.is_english(x) && !self.gazetteer.holds_word(x)
                        }
                })
                && !(last
                    && w.word(k + 1)
                        .is_some_and(|x| x.starts_with(|c: char| c.is_ascii_digit())))
        };
        let swapped = |w: &FieldWork<'_>, k: usize| stand_in(w, k, false);
        let capital = |w: &FieldWork<'_>, k: usize| {
            w.word(k)
                .is_some_and(|x| x.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        };
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (si, sp) in w.spans.iter().enumerate() {
            if sp.last != sp.first + 1 || !matches!(sp.kind, SpanKind::Person { .. }) {
                continue;
            }
            let (f, l) = (sp.first, sp.last);
            if ![f, l]
                .iter()
                .all(|&k| w.word(k).is_some_and(|x| self.names.is_syllable(x)))
            {
                continue;
            }
            if f > 0 && swapped(w, f - 1) && (f < 2 || !capital(w, f - 2)) {
                found.push((si, f - 1, l));
            } else if f > 1
                && swapped(w, f - 1)
                && w.owner[f - 2].is_none()
                && w.word(f - 2).is_some_and(|x| self.names.is_family(x))
                && (f < 3 || !capital(w, f - 3))
            {
                // "Jang Folk Song Thaek": two words for one.
                found.push((si, f - 2, l));
            } else if (swapped(w, l + 1) || stand_in(w, l + 1, true)) && !capital(w, l + 2) {
                found.push((si, f, l + 1));
            } else if swapped(w, l + 1)
                && swapped(w, l + 2)
                && !capital(w, l + 3)
                && (w.is_punct(l + 3, ',') || w.is_punct(l + 3, '.'))
            {
                // "Kim Ok Pneumatic Tire,": a phrase for the last syllable.
                found.push((si, f, l + 2));
            }
        }
        // "Choe Yong Pneumatic Tire,": a name read with its last syllable
        // swapped for a word takes in the second word of the phrase.
        let mut longer: Vec<(usize, usize)> = Vec::new();
        for (si, sp) in w.spans.iter().enumerate() {
            let l = sp.last;
            if matches!(
                sp.kind,
                SpanKind::Person {
                    person: Some(_),
                    ..
                }
            ) && l == sp.first + 2
                && w.word(l)
                    .is_some_and(|x| !self.names.is_syllable(x) && self.is_english(x))
                && swapped(w, l + 1)
                && (w.is_punct(l + 2, ',') || w.is_punct(l + 2, '.'))
            {
                longer.push((si, l + 1));
            }
        }
        for (si, last) in longer {
            w.owner[last] = Some(si);
            w.spans[si].last = last;
        }
        for (si, first, last) in found {
            let (_, kind) = w.absorb(si);
            let known = match kind {
                SpanKind::Person { person, .. } => person,
                _ => None,
            };
            self.add_swapped_person(w, first, last, known);
        }
        let n = w.tokens.len();
        let mut k = 0;
        while k + 2 < n {
            let family = w.owner[k].is_none()
                && w.word(k).is_some_and(|x| {
                    x.starts_with(|c: char| c.is_ascii_uppercase()) && self.names.is_family(x)
                });
            if family
                && (k == 0 || !capital(w, k - 1))
                && swapped(w, k + 1)
                && w.owner[k + 2].is_none()
                && w.word(k + 2).is_some_and(|x| {
                    x.starts_with(|c: char| c.is_ascii_uppercase()) && self.names.is_syllable(x)
                })
                && !capital(w, k + 3)
            {
                self.add_swapped_person(w, k, k + 2, None);
                k += 3;
            } else {
                k += 1;
            }
        }
    }

    /// A person named by `first..=last`, one word of which a spinner
    /// swapped: a known one whose name differs in that word alone.
    fn add_swapped_person(
        &self,
        w: &mut FieldWork<'_>,
        first: usize,
        last: usize,
        known: Option<usize>,
    ) {
        let (_, _, surface) = w.surface(first, last);
        let words = gazetteer::key_words(surface);
        let person = known.or_else(|| self.known_person(surface)).or_else(|| {
            (0..words.len())
                .filter_map(|p| {
                    let mut wild: Vec<&str> = words.iter().map(String::as_str).collect();
                    wild[p] = "*";
                    *self.person_by_key_but_one.get(&wild.join(" "))?
                })
                .next()
        });
        let name = person.map_or_else(|| surface.to_owned(), |p| self.pack.people[p].name.clone());
        w.add(SpanKind::Person { person, name }, first, last);
    }
}
