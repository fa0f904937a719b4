//! Titles in a spun copy, read through the posts the pack knows a person held.
//!
//! A spinner garbles a post's words as it garbles names: "Kim Yong Nam,
//! president of the Presidium of the Excellent Relatives's Assembly", "Chaotic
//! Secretary Kim Jong Il". What survives is the person, known to the pack with
//! the posts they held, and part of the post: its head word, or a word of the
//! body's name. In a document with evidence of spinning, such a title is the
//! one held post it fits.
//!
//! Only in spun copies: in edited copy a title unlike the person's known posts
//! is news (a party secretary signing as vice-chairman of the CMC) and is
//! reported as written. A post whose first word was swapped inside a sentence
//! ("led by Chaotic Secretary Kim Jong Il") is itself evidence of spinning.

use crate::gazetteer::key_words;
use crate::model::{EntityType, Extraction, Field, TitleLink};
use crate::spun::{lemma, FUNCTION_WORDS};
use crate::Extractor;

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
}
