//! Titles in a spun copy: read through the posts the pack knows a person held,
//! and posts garbled word for word.
//!
//! A spinner garbles a post's words as it garbles names: "Kim Yong Nam,
//! president of the Presidium of the Excellent Relatives's Assembly", "Chaotic
//! Secretary Kim Jong Il". What survives is the person, known to the pack with
//! the posts they held, and part of the post: its head word, or a word of the
//! body's name. In a document with evidence of spinning, such a title is the
//! one held post it fits.
//!
//! A post garbled word for word where a title stands ("Pak Pong Ju, first vice
//! section director of the C.C.") is read through WordNet neighbours as the
//! post of the pack it lines up with (`spun_roles`).
//!
//! Only in spun copies: in edited copy a title unlike the person's known posts
//! is news (a party secretary signing as vice-chairman of the CMC) and is
//! reported as written. A post whose first word was swapped inside a sentence
//! ("led by Chaotic Secretary Kim Jong Il") is itself evidence of spinning.

use crate::gazetteer::{key_words, Entry};
use crate::model::{EntityType, Extraction, Field, TitleLink};
use crate::spun::{lemma, SpunRole, FUNCTION_WORDS};
use crate::{Extractor, FieldWork, SpanKind};

/// The most words a garbled post is read over.
const MAX_POST_WORDS: usize = 4;

/// Words that end a post written after a name ("Kim Yong Nam, president of
/// the Presidium", "Pak Ui Chun, minister who").
const AFTER_POST: &[&str] = &[
    "of", "to", "at", "in", "for", "and", "on", "from", "with", "who", "which", "was", "is",
];

/// A post a person held: role and organisation, as pack indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct HeldPost {
    role: usize,
    org: Option<usize>,
}

/// The word that ends `text` before byte `at`, past spaces ("" after punctuation).
fn word_before(text: &str, at: usize) -> &str {
    text[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// Content words of a name, singular and lower case.
fn content_words(name: &str) -> Vec<String> {
    key_words(name)
        .iter()
        .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
        .map(|w| lemma(w).to_owned())
        .collect()
}

impl Extractor {
    /// The posts the pack says a person (by canonical id) held, each once.
    fn held_posts(&self, person_entity: &str) -> Vec<HeldPost> {
        let Some(person) = self.pack.people.iter().find(|p| p.id == person_entity) else {
            return Vec::new();
        };
        let mut posts: Vec<HeldPost> = Vec::new();
        for h in &person.held {
            let Some(&role) = self.role_by_id.get(&h.role) else {
                continue;
            };
            let org = h
                .organization
                .as_ref()
                .and_then(|o| self.org_by_id.get(o).copied());
            let post = HeldPost { role, org };
            if !posts.contains(&post) {
                posts.push(post);
            }
        }
        posts
    }

    /// The one held post a garbled title fits, if exactly one does:
    /// - the same role in a body the pack does not list whose name shares a
    ///   content word with the held post's body ("Presidium of the Excellent
    ///   Relatives's Assembly");
    /// - the title's role, or a role whose name ends in it ("general
    ///   secretary" for "Secretary"), when a capitalised word the title left
    ///   out stands before it ("Chaotic Secretary").
    ///
    /// Posts that differ only by words before the same name, in the same
    /// body, are one post: the plainest is taken.
    fn fitting_post(&self, link: &TitleLink, text: &str) -> Option<HeldPost> {
        let posts = self.held_posts(&link.person_entity);
        let role_name = link.role.as_str();
        let unlisted = link
            .organization
            .as_deref()
            .filter(|_| link.organization_id.is_none());
        let fits: Vec<HeldPost> = match unlisted {
            Some(body) => {
                let words = content_words(body);
                posts
                    .into_iter()
                    .filter(|p| self.pack.roles[p.role].name == role_name)
                    .filter(|p| {
                        p.org.is_some_and(|o| {
                            let org = &self.pack.organizations[o];
                            std::iter::once(&org.name)
                                .chain(&org.aliases)
                                .flat_map(|n| content_words(n))
                                .any(|w| words.contains(&w))
                        })
                    })
                    .collect()
            }
            None if link.organization.is_none() => {
                if !word_before(text, link.start).starts_with(char::is_uppercase) {
                    return None;
                }
                let head = format!(" {role_name}");
                posts
                    .into_iter()
                    .filter(|p| {
                        let name = &self.pack.roles[p.role].name;
                        name == role_name || name.ends_with(&head)
                    })
                    .collect()
            }
            None => return None,
        };
        // Of posts named alike, the plainest: "general secretary" before
        // "eternal general secretary".
        let name = |p: &HeldPost| self.pack.roles[p.role].name.as_str();
        let plainest = fits.iter().find(|p| {
            fits.iter()
                .all(|q| name(q).ends_with(name(p)) && (q.org == p.org || q == *p))
        });
        plainest.copied()
    }

    /// Titles whose role's first word a spinner swapped: in running text, a
    /// known person's bare role ("Secretary") after a capitalised ordinary
    /// word that no pack name holds ("Chaotic"), where the person held a
    /// longer post ending in that role ("general secretary"). Each is
    /// evidence of spinning: edited copy writes the post whole.
    pub(crate) fn garbled_titles(&self, out: &Extraction, body: &str) -> usize {
        out.titles
            .iter()
            .filter(|link| link.field == Field::Body && link.organization.is_none())
            .filter(|link| {
                let before = body[..link.start].trim_end();
                let word = word_before(before, before.len());
                // Inside a sentence: after a lower-case word or a comma, not
                // in a capitalised run ("Great Brilliant Commander", a book).
                let rest = before[..before.len() - word.len()].trim_end();
                let mid_sentence = rest.ends_with(',')
                    || word_before(rest, rest.len()).starts_with(char::is_lowercase);
                word.len() > 2
                    && word.starts_with(char::is_uppercase)
                    && mid_sentence
                    && !self.gazetteer.holds_word(word)
                    && self.spun.is_common_word(&word.to_lowercase())
                    && self
                        .fitting_post(link, body)
                        .is_some_and(|p| self.pack.roles[p.role].name != link.role)
            })
            .count()
    }

    /// Reads the titles of a spun copy through the posts their people held.
    pub(crate) fn known_posts_in_spun_copy(&self, out: &mut Extraction, title: &str, body: &str) {
        for i in 0..out.titles.len() {
            let link = &out.titles[i];
            let text = match link.field {
                Field::Title => title,
                Field::Body => body,
            };
            let Some(post) = self.fitting_post(link, text) else {
                continue;
            };
            let role = &self.pack.roles[post.role];
            let link = &mut out.titles[i];
            link.role = role.name.clone();
            link.role_kind = role.kind.clone();
            match post.org.map(|o| &self.pack.organizations[o]) {
                Some(org) => {
                    link.post = format!(
                        "{} of the {}",
                        role.name,
                        org.name.trim_start_matches("the ")
                    );
                    let was_unlisted = link.organization_id.is_none();
                    link.organization = Some(org.name.clone());
                    link.organization_id = Some(org.id.clone());
                    link.country = Some(org.country.clone());
                    // The garbled body inside the title is that body too.
                    let (field, start, end) = (link.field, link.start, link.end);
                    let inside = out.mentions.iter_mut().filter(|m| {
                        was_unlisted
                            && m.kind == EntityType::Organization
                            && !m.known
                            && m.field == field
                            && m.start >= start
                            && m.end <= end
                    });
                    for m in inside {
                        m.entity = org.id.clone();
                        m.name = org.name.clone();
                        m.known = true;
                        m.country = Some(org.country.clone());
                    }
                }
                None => link.post = role.name.clone(),
            }
        }
    }

    /// Posts a spinner garbled, where a title stands: after a person and a
    /// comma ("Kim Jong Il, unspecific secretary of the WPK") or right before
    /// a person ("Supreme Commandant Kim Jong Un"). A run of words there that
    /// lines up word for word with a post of the pack, each word the post's
    /// or a WordNet neighbour of it, is that post. Two or more words must
    /// keep one of the post's words. After a name, a single swapped word is
    /// read only before "of" and a known body; before a name, never, and a
    /// person the pack knows posts of is read only as one of them. Several
    /// posts equally near are none, unless the person held just one of them.
    ///
    /// Only in a document with other evidence of spinning: edited copy has
    /// posts the pack does not list ("candidate academician", "deputy
    /// manager"), which a neighbour word for word would misread.
    pub(crate) fn spun_roles(&self, w: &FieldWork<'_>) -> Vec<(usize, usize, SpanKind)> {
        let mut found = Vec::new();
        for s in &w.spans {
            let SpanKind::Person { person, .. } = s.kind else {
                continue;
            };
            let Some((a, b, role)) = self
                .post_after(w, s.last, person)
                .or_else(|| self.post_before(w, s.first, person))
            else {
                continue;
            };
            let plural = match role.target {
                Entry::Role { plural, .. } | Entry::TitleForm { plural, .. } => plural,
                _ => false,
            };
            let plural = plural || w.word(b).is_some_and(|x| lemma(x).len() < x.len());
            let kind = match role.target {
                Entry::Role { role, .. } => SpanKind::Role { role, plural },
                Entry::TitleForm { form, .. } => SpanKind::TitleForm { form, plural },
                _ => continue,
            };
            found.push((a, b, kind));
        }
        found
    }

    /// Puts garbled posts in place of what the gazetteer found of them.
    pub(crate) fn add_spun_roles(
        &self,
        w: &mut FieldWork<'_>,
        found: Vec<(usize, usize, SpanKind)>,
    ) {
        for (a, b, kind) in found {
            // The head word the gazetteer found ("secretary") is part of the
            // whole post.
            for k in a..=b {
                if let Some(s) = w.owner[k] {
                    w.spans[s].kind = SpanKind::Absorbed;
                }
            }
            w.add(kind, a, b);
        }
    }

    /// A garbled post after a person and a comma: (first, last token, post).
    fn post_after(
        &self,
        w: &FieldWork<'_>,
        person_last: usize,
        person: Option<usize>,
    ) -> Option<(usize, usize, SpunRole)> {
        if !w.is_punct(person_last + 1, ',') {
            return None;
        }
        let mut k = person_last + 2;
        if ["a", "an", "the"].iter().any(|x| w.is_word(k, x)) {
            k += 1;
        }
        let (a, words, b) = self.post_run(w, k, w.tokens.len(), |x| {
            x.starts_with(char::is_lowercase) && !AFTER_POST.contains(&x)
        })?;
        let next = b + 1;
        let ends = next >= w.tokens.len()
            || w.word(next).is_some_and(|x| AFTER_POST.contains(&x))
            || w.tokens[next].kind != crate::token::Kind::Word;
        if !ends {
            return None;
        }
        // One swapped word is a post only with the body it is held in.
        let body_follows = || {
            w.is_word(next, "of")
                && w.span_starting(w.skip_the(next + 1))
                    .is_some_and(|(_, s)| matches!(s.kind, SpanKind::Org { org: Some(_), .. }))
        };
        let role = self.garbled_post(&words, person, words.len() > 1 || body_follows())?;
        Some((a, b, role))
    }

    /// A garbled post right before a person, capitalised: (first, last
    /// token, post). The longest run of capitalised words that reads as a
    /// post, ending at the name.
    fn post_before(
        &self,
        w: &FieldWork<'_>,
        person_first: usize,
        person: Option<usize>,
    ) -> Option<(usize, usize, SpunRole)> {
        let b = person_first.checked_sub(1)?;
        // The capitalised words before the name, at most MAX_POST_WORDS.
        let mut starts = Vec::new();
        let mut k = b;
        loop {
            let fits = w.word(k).is_some_and(|x| {
                x.starts_with(char::is_uppercase)
                    && w.owner[k].is_none_or(|s| is_role(&w.spans[s].kind))
            });
            if !fits || starts.len() == MAX_POST_WORDS {
                break;
            }
            // "Vice-Official": a hyphen inside a word, which begins before it.
            let joined = k >= 2 && w.hyphen_at(k - 1);
            if !joined {
                starts.push(k);
            }
            k = match k.checked_sub(if joined { 2 } else { 1 }) {
                Some(k) => k,
                None => break,
            };
        }
        // Capitalised words before a name are often no post at all
        // ("Make Ready Kim Jong Un"): one word is not read, and a person the
        // pack knows posts of is read only as one of them.
        let posts_known = person.is_some_and(|p| !self.pack.people[p].held.is_empty());
        for &a in starts.iter().rev() {
            let Some((_, words, last)) =
                self.post_run(w, a, person_first, |x| x.starts_with(char::is_uppercase))
            else {
                continue;
            };
            if words.len() < 2 {
                continue;
            }
            if let Some(role) = self.garbled_post(&words, person, false) {
                if !posts_known || self.held_role(person, role.target) {
                    return Some((a, last, role));
                }
            }
        }
        None
    }

    /// The words of a run from token `a` (lower case), words joined by
    /// hyphens included, while `word_fits`; the run's first and last token.
    /// None if the run is empty, too long, or holds a span other than a post.
    fn post_run(
        &self,
        w: &FieldWork<'_>,
        a: usize,
        until: usize,
        word_fits: impl Fn(&str) -> bool,
    ) -> Option<(usize, Vec<String>, usize)> {
        let mut words = Vec::new();
        let mut k = a;
        let mut last = None;
        while let Some(x) = w.word(k).filter(|_| k < until) {
            if !word_fits(x) || words.len() == MAX_POST_WORDS {
                break;
            }
            if w.owner[k].is_some_and(|s| !is_role(&w.spans[s].kind)) {
                return None;
            }
            words.push(x.to_lowercase());
            last = Some(k);
            k += if w.hyphen_at(k + 1) { 2 } else { 1 };
        }
        let last = last?;
        // A post the gazetteer found whole is no garbled post.
        if w.owner[a].is_some_and(|s| w.spans[s].first == a && w.spans[s].last == last) {
            return None;
        }
        Some((a, words, last))
    }

    /// The post a garbled run is: the nearest posts of its length; of
    /// several, the one the person held. Two or more words keep one of the
    /// post's own; one word only where `single` allows.
    fn garbled_post(
        &self,
        words: &[String],
        person: Option<usize>,
        single: bool,
    ) -> Option<SpunRole> {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let found: Vec<SpunRole> = self
            .spun
            .find_roles(&words)
            .into_iter()
            .filter(|r| if words.len() > 1 { r.same >= 1 } else { single })
            .collect();
        let role_of = |r: &SpunRole| self.role_of(r.target);
        let mut roles: Vec<usize> = found.iter().filter_map(role_of).collect();
        roles.sort_unstable();
        roles.dedup();
        if roles.len() == 1 {
            return found.first().copied();
        }
        let held: Vec<&SpunRole> = found
            .iter()
            .filter(|r| self.held_role(person, r.target))
            .collect();
        let first = held.first()?;
        held.iter()
            .all(|r| role_of(r) == role_of(first))
            .then_some(**first)
    }

    /// The role a post entry names.
    fn role_of(&self, target: Entry) -> Option<usize> {
        match target {
            Entry::Role { role, .. } => Some(role),
            Entry::TitleForm { form, .. } => self
                .role_by_id
                .get(&self.pack.title_forms[form].role)
                .copied(),
            _ => None,
        }
    }

    /// Whether the pack says the person held the post's role.
    fn held_role(&self, person: Option<usize>, target: Entry) -> bool {
        let (Some(p), Some(role)) = (person, self.role_of(target)) else {
            return false;
        };
        self.held_posts(&self.pack.people[p].id)
            .iter()
            .any(|h| h.role == role)
    }
}

fn is_role(kind: &SpanKind) -> bool {
    matches!(kind, SpanKind::Role { .. } | SpanKind::TitleForm { .. })
}
