//! People in a field's text by structure (docs/extract.md, step 3): Korean
//! names by their syllables (`korean_names`), foreign names after a title,
//! a person cue or before an apposition (`foreign_names`, with the posts a
//! spinner garbled around them: `past_garbled_post`), and a surname alone for
//! a person named in full earlier (`short_names`).

use crate::model::Field;
use crate::token::Token;
use crate::{
    gazetteer, key_words, Extractor, FieldWork, NameCue, Seen, SpanKind, ENGLISH_SMALL_WORDS,
    PLACE_NOUNS,
};

impl Extractor {
    /// Korean names by structure: a family name and one to three syllables.
    pub(crate) fn korean_names(&self, w: &mut FieldWork<'_>) {
        let mut i = 0;
        while let Some(c) = w.next_capital(i) {
            i = c;
            let family = w.word(i).filter(|x| {
                x.starts_with(|c: char| c.is_ascii_uppercase())
                    && w.owner[i].is_none()
                    && self.names.is_family(x)
            });
            if family.is_none() {
                i += 1;
                continue;
            }
            let mut last = i;
            let mut syllables = 0;
            let mut j = i + 1;
            while syllables < 3 {
                // "In" or "On" ends a name in running text as its second
                // given syllable, before punctuation ("Kim Yong In, first
                // vice-minister"); not in a headline ("Kim Jong Un In
                // Pyongyang") nor before a word ("Sok Chol On the rostrum").
                let small_word_ends_it = |x: &str| {
                    w.field == Field::Body
                        && syllables == 1
                        && matches!(x, "In" | "On")
                        && w.word(j + 1).is_none()
                };
                if let Some(x) = w.word(j).filter(|x| {
                    w.owner[j].is_none()
                        && x.starts_with(char::is_uppercase)
                        && self.names.is_syllable(x)
                        && (!self.names.not_names.contains(x) || small_word_ends_it(x))
                }) {
                    let _ = x;
                    syllables += 1;
                    last = j;
                    j += 1;
                } else if syllables > 0
                    && w.is_punct(j, '-')
                    && w.tokens[j].start == w.tokens[j - 1].end
                    && w.word(j + 1).is_some_and(|x| self.names.is_syllable(x))
                    && w.owner[j + 1].is_none()
                {
                    syllables += 1;
                    last = j + 1;
                    j += 2;
                } else {
                    break;
                }
            }
            if syllables == 0 {
                i += 1;
                continue;
            }
            self.add_person(w, i, last);
            i = last + 1;
        }
    }

    /// "headed by Vice Syndic Ho Xuan Sonny", "Vice See To Ho Xuan Son": a
    /// post's first word, and an English word that no list of posts holds
    /// (a spinner's, or a post the pack does not list), with any capitalised
    /// small words after it, are no part of the name after them; nor is the
    /// post's first word alone ("Vice Ho Xuan Son"). `after_post`: the
    /// tokens before `s` are a post's first words, and the English word alone
    /// is the rest of it. Returns the token where the name begins, if two
    /// name words follow, else `s`.
    fn past_garbled_post(&self, w: &FieldWork<'_>, s: usize, after_post: bool) -> usize {
        let prefix = w.word(s).is_some_and(|x| {
            x.len() >= 3
                && x.starts_with(char::is_uppercase)
                && self.post_stems.contains(&x.to_lowercase())
        });
        let from = s + usize::from(prefix);
        let post_word = w.owner.get(from).is_some_and(Option::is_none)
            && w.word(from).is_some_and(|x| {
                x.starts_with(char::is_uppercase)
                    && x.len() >= if prefix { 3 } else { 4 }
                    && self.is_common_english(x)
                    && !self.names.is_family(x)
            });
        // Two words of a name from `k`, the second perhaps hyphenated to a
        // third ("Nabil el-Arabi").
        let names_from = |k: usize| {
            (k..k + 2).all(|t| {
                w.owner.get(t).is_some_and(Option::is_none)
                    && w.word(t)
                        .is_some_and(|x| self.names.name_word(x) || (t > k && w.hyphen_at(t + 1)))
            })
        };
        if !prefix && !after_post {
            return s;
        }
        if !post_word {
            // "Vice Ho Xuan Son": the post's first word alone.
            return if prefix && names_from(s + 1) {
                s + 1
            } else {
                s
            };
        }
        // "See To": a small word of the spinner's phrase.
        let mut k = from + 1;
        while w.word(k).is_some_and(|x| {
            x.len() <= 3
                && x.starts_with(char::is_uppercase)
                && ENGLISH_SMALL_WORDS.contains(&x.to_lowercase().as_str())
        }) {
            k += 1;
        }
        if names_from(k) {
            k
        } else {
            s
        }
    }

    /// A person named by the words `first..=last`: a known one if the pack
    /// lists the name, else a new one under the name as written.
    pub(crate) fn add_person(&self, w: &mut FieldWork<'_>, first: usize, last: usize) {
        let (_, _, surface) = w.surface(first, last);
        let name = surface.to_owned();
        let person = self.known_person(&name);
        let name = person.map_or(name, |p| self.pack.people[p].name.clone());
        w.add(SpanKind::Person { person, name }, first, last);
    }

    pub(crate) fn known_person(&self, name: &str) -> Option<usize> {
        self.person_by_key
            .get(&gazetteer::key_words(name).join(" "))
            .copied()
    }

    /// A run of words that are all ordinary English words ("General Uses",
    /// "General Administration") is no foreign name.
    /// Only single words are judged: many real names are made of words
    /// WordNet lists ("Jimmy Carter").
    /// "General Educational Institutions": ordinary English words ending on a
    /// plural noun of a common kind ("-ions", "-ments", "-ies") name a kind of
    /// thing, not a person. (Any plural would catch surnames such as "James".)
    fn common_plural(&self, w: &FieldWork<'_>, first: usize, last: usize) -> bool {
        let mut words = w.tokens[first..=last]
            .iter()
            .filter(|t| t.is_word())
            .map(|t| t.text(w.text).to_lowercase());
        let all_common = words.clone().all(|x| self.spun.is_common_word(&x));
        let plural = words
            .next_back()
            .is_some_and(|x| ["ions", "ments", "ies"].iter().any(|e| x.ends_with(e)));
        all_common && plural
    }

    fn all_common(&self, w: &FieldWork<'_>, first: usize, last: usize) -> bool {
        let words: Vec<&Token> = w.tokens[first..=last]
            .iter()
            .filter(|t| t.is_word())
            .collect();
        words.len() == 1
            && self
                .spun
                .is_common_word(&words[0].text(w.text).to_lowercase())
    }

    /// Foreign names: capitalised words after a title ("President Vladimir
    /// Putin") or before an apposition ("Choummaly Sayasone, general secretary").
    pub(crate) fn foreign_names(&self, w: &mut FieldWork<'_>, spun: bool) {
        let n = w.tokens.len();
        let run_from = |w: &FieldWork<'_>, start: usize| -> usize {
            let mut k = start;
            while k < n && k - start < 5 && w.owner[k].is_none() {
                let article = k > start
                    && w.article_joined(k)
                    && w.word(k + 2).is_some_and(|x| self.names.name_word(x))
                    && w.owner.get(k + 2).is_some_and(Option::is_none);
                if article {
                    k += 3;
                    continue;
                }
                // "Robert G. Mugabe": a middle initial.
                let initial = k > start
                    && w.word(k).is_some_and(|x| {
                        x.len() == 1 && x.starts_with(|c: char| c.is_ascii_uppercase())
                    })
                    && w.is_punct(k + 1, '.')
                    && w.word(k + 2).is_some_and(|x| self.names.name_word(x))
                    && w.owner.get(k + 2).is_some_and(Option::is_none);
                if initial {
                    k += 2;
                    continue;
                }
                if !w
                    .word(k)
                    .is_some_and(|x| self.names.name_word(x) && !self.names.heads.contains(x))
                {
                    break;
                }
                k += 1;
                // "Jong-un", "Ban Ki-moon": a hyphen inside a name.
                if w.is_punct(k, '-')
                    && w.word(k + 1).is_some()
                    && w.tokens[k].start == w.tokens[k - 1].end
                {
                    k += 2;
                }
            }
            k
        };
        // After a capitalised title; not in headlines, where every word is
        // capitalised ("President Calls for Unity").
        let mut i = if w.field == Field::Title { n } else { 0 };
        while i < n {
            let title_end = match w.span_at(i) {
                Some((_, s))
                    if s.last == i
                        && matches!(
                            s.kind,
                            SpanKind::Role { plural: false, .. }
                                | SpanKind::TitleForm { plural: false, .. }
                                | SpanKind::Org { .. }
                                | SpanKind::Class(_)
                                | SpanKind::Country { .. }
                        ) =>
                {
                    let title_like = self.chain_has_role(w, i);
                    title_like.then_some(i)
                }
                _ => None,
            };
            if let Some(e) = title_end {
                // In a spun copy the title's next word may be a spinner's for
                // the rest of a longer post ("Secretary Uncharacterized Nabil
                // el-Arabi" for secretary general).
                let stem = w.span_at(e).is_some_and(|(_, t)| {
                    let (_, _, title) = w.surface(t.first, t.last);
                    self.post_stems.contains(&key_words(title).join(" "))
                });
                let e = if spun && stem {
                    self.past_garbled_post(w, e + 1, true) - 1
                } else {
                    e
                };
                let k = run_from(w, e + 1);
                if k > e + 1
                    && w.tokens[e + 1].start <= w.tokens[e].end + 1
                    && !self.all_common(w, e + 1, k - 1)
                    && !self.common_plural(w, e + 1, k - 1)
                {
                    self.add_person(w, e + 1, k - 1);
                    i = k;
                    continue;
                }
            }
            i += 1;
        }
        // After a person cue: "led by Kazuaki Ashizawa", "his Serbian
        // counterpart Vuk Jeremic".
        if w.field != Field::Title {
            for (_, end, cue) in w.name_cues.clone() {
                if !matches!(cue, NameCue::Person { .. }) {
                    continue;
                }
                let s = w.tokens.partition_point(|t| t.start < end);
                if s >= n || w.owner[s].is_some() {
                    continue;
                }
                let s = self.past_garbled_post(w, s, false);
                {
                    let k = run_from(w, s);
                    let words = w.tokens[s..k].iter().filter(|t| t.is_word()).count();
                    if (2..=5).contains(&words)
                        && !self.all_common(w, s, k - 1)
                        && !w.word(k).is_some_and(|x| self.names.heads.contains(x))
                    {
                        self.add_person(w, s, k - 1);
                    }
                }
            }
        }
        // Before ", <title>".
        let mut i = 0;
        while let Some(c) = w.next_capital(i) {
            i = c;
            // Not the end of a body's name after a possessive ("the
            // Bangladesh People's Lay Together, the general secretary"),
            // unless a country's or a person's ("Russia's Vladimir Putin").
            let after_possessive = i >= 3
                && w.is_word(i - 1, "s")
                && w.is_punct(i - 2, '\'')
                && w.owner[i - 3].is_none()
                && w.word(i - 3)
                    .is_some_and(|x| x.starts_with(char::is_uppercase));
            // Nor a word right after a Korean name ("Choe Yong Labium,
            // chairperson of ..."), which may be a syllable a spinner swapped.
            let after_korean = i > 0
                && w.tokens[i].start == w.tokens[i - 1].end + 1
                && w.span_at(i - 1).is_some_and(|(_, s)| {
                    s.last == i - 1
                        && matches!(s.kind, SpanKind::Person { .. })
                        && w.word(s.first).is_some_and(|x| self.names.is_family(x))
                });
            if w.owner[i].is_some()
                || !w.word(i).is_some_and(|x| self.names.name_word(x))
                || after_possessive
                || after_korean
                || (i > 0
                    && w.word(i - 1)
                        .is_some_and(|x| x.starts_with(char::is_uppercase))
                    && w.owner[i - 1].is_none())
            {
                i += 1;
                continue;
            }
            let k = run_from(w, i);
            let words = w.tokens[i..k].iter().filter(|t| t.is_word()).count();
            let single_ok = words == 1
                && w.word(i)
                    .is_some_and(|x| !self.spun.is_common_word(&x.to_lowercase()) && x.len() > 2);
            if ((2..=4).contains(&words) || single_ok) && w.is_punct(k, ',') {
                let mut after = w.skip_the(k + 1);
                // "Martin Sajdik, outgoing Austrian ambassador".
                let qualified = self.after_qualifier(w, after);
                let qualifier = qualified.is_some();
                if let Some(q) = qualified {
                    after = q;
                }
                let titled = match w.span_starting(after) {
                    // After a qualifier, one person's title.
                    Some((_, s)) if qualifier => match s.kind {
                        SpanKind::Role { plural, .. } | SpanKind::TitleForm { plural, .. } => {
                            !plural
                        }
                        SpanKind::Country {
                            adjective: true, ..
                        } => {
                            w.span_starting(s.last + 1).is_some_and(|(_, r)| {
                                matches!(r.kind, SpanKind::Role { plural: false, .. })
                            }) || (spun && self.garbled_post_at(w, s.last + 1))
                        }
                        _ => false,
                    },
                    Some((_, s)) => {
                        matches!(s.kind, SpanKind::Role { .. } | SpanKind::TitleForm { .. })
                            || (matches!(
                                s.kind,
                                SpanKind::Country {
                                    adjective: true,
                                    ..
                                }
                            ) && w
                                .span_starting(s.last + 1)
                                .is_some_and(|(_, r)| matches!(r.kind, SpanKind::Role { .. })))
                    }
                    None => false,
                };
                // After a qualifier the name is surer than the run: not what
                // "chairman of" is of ("... chairman of Gazprom, the former
                // presidential envoy", or "del Partido, primer director" in
                // another language), and not the ordinary words before it
                // ("Democrat Senator Carl Levin, highest-ranking member").
                let mut first = i;
                if qualifier {
                    while k - first > 2
                        && w.word(first).is_some_and(|x| {
                            x.len() >= 4 && self.is_ordinary(x) && !self.names.is_family(x)
                        })
                    {
                        first += 1;
                    }
                }
                let object = qualifier
                    && i > 0
                    && w.word(i - 1)
                        .is_some_and(|x| ["of", "del", "de", "du", "des"].contains(&x));
                if titled && !object && !self.all_common(w, first, k - 1) {
                    self.add_person(w, first, k - 1);
                }
            }
            i = k.max(i + 1);
        }
    }

    /// A surname alone refers to the person named in full with it earlier in
    /// the document: the last name of a foreign name, the family name of a
    /// Korean one. A word shared by two people named earlier refers to neither.
    pub(crate) fn short_names(&self, w: &mut FieldWork<'_>, seen: &mut Vec<Seen>) {
        // Full names of this field, in order, join those of earlier fields.
        let mut firsts: Vec<(usize, Seen)> = Vec::new();
        for s in &w.spans {
            if let SpanKind::Person { person, name } = &s.kind {
                let words: Vec<&str> = w.tokens[s.first..=s.last]
                    .iter()
                    .filter(|t| t.is_word())
                    .map(|t| t.text(w.text))
                    .collect();
                if words.len() < 2 {
                    continue;
                }
                let korean = self.names.is_family(words[0]);
                let word = if korean {
                    words[0]
                } else {
                    words[words.len() - 1]
                };
                firsts.push((
                    s.first,
                    Seen {
                        word: word.to_owned(),
                        person: *person,
                        name: name.clone(),
                    },
                ));
            }
        }
        firsts.sort_by_key(|(at, _)| *at);
        let n = w.tokens.len();
        let mut next = 0;
        while next < n {
            let i = w.capital_from(next);
            if i >= n {
                break;
            }
            next = i + 1;
            if w.owner[i].is_some() {
                continue;
            }
            let Some(word) = w.word(i) else { continue };
            if self.names.not_names.contains(word) {
                continue;
            }
            // Not the start of a longer capitalised name ("Kim Il Sung Square").
            if w.word(i + 1)
                .is_some_and(|x| x.starts_with(char::is_uppercase))
                && w.tokens[i + 1].start == w.tokens[i].end + 1
            {
                continue;
            }
            let mut before = seen
                .iter()
                .chain(firsts.iter().filter(|(at, _)| *at < i).map(|(_, s)| s))
                .filter(|s| s.word == word);
            let Some(first) = before.next() else {
                continue;
            };
            if before.any(|s| s.name != first.name) {
                continue;
            }
            let (person, name) = (first.person, first.name.clone());
            // The full name again ("Siti Rahayu" after a name that ended
            // before it): the span takes the words before the surname too.
            let parts: Vec<&str> = name.split_whitespace().collect();
            let mut start = i;
            if parts.last() == Some(&word) && parts.len() > 1 {
                let n = parts.len() - 1;
                let fits = i >= n
                    && (0..n).all(|m| {
                        let t = i - n + m;
                        w.owner[t].is_none() && w.word(t) == Some(parts[m])
                    });
                if fits {
                    start = i - n;
                }
            }
            w.add(SpanKind::Person { person, name }, start, i);
        }
        seen.extend(firsts.into_iter().map(|(_, s)| s));
    }

    /// In a spun copy, whether a post garbled out of the vocabulary begins at
    /// `k`, after a qualifier and a country's adjective ("Martin Sajdik,
    /// communicative Austrian vice-legate to the DPRK"): one lower-case
    /// English word, hyphenated or not, no place's ("capital"), and then
    /// "to", "of", "in" or the clause's end.
    fn garbled_post_at(&self, w: &FieldWork<'_>, k: usize) -> bool {
        let mut end = k;
        while w.hyphen_at(end + 1) && w.word(end + 2).is_some() {
            end += 2;
        }
        let english = (k..=end).step_by(2).all(|t| {
            w.owner.get(t).is_some_and(Option::is_none)
                && w.word(t).is_some_and(|x| {
                    x.starts_with(|c: char| c.is_ascii_lowercase()) && self.is_english(x)
                })
        });
        english
            && !w.word(end).is_some_and(|x| PLACE_NOUNS.contains(&x))
            && (["to", "of", "in"].iter().any(|x| w.is_word(end + 1, x))
                || w.is_punct(end + 1, ',')
                || w.is_punct(end + 1, '.'))
    }
}
