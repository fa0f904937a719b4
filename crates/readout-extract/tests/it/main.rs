//! Extraction as an analyst reads it: golden outputs for title forms, lists,
//! dates, spun names and the ROK/DPRK distinction, with the built-in pack.
//! Sentences are our own. `UPDATE_EXPECT=1 cargo test -p readout-extract`
//! rewrites the expectations; review the diff.

use std::fmt::Write;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use expect_test::{expect, Expect};
use readout_core::pack::Pack;
use readout_extract::{DocInput, EntityType, Extractor, Field};

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs/dprk-russia");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        let texts: Vec<(String, String)> = files
            .iter()
            .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
            .collect();
        let refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        Extractor::new(&Pack::parse(&refs).unwrap())
    })
}

/// Renders what an analyst checks: people, organisations, titles, meetings, spin.
fn render(body: &str, outlet_country: &str, published: &str) -> String {
    let published = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    let x = extractor().extract(&DocInput {
        title: "",
        body,
        outlet_country: Some(outlet_country),
        published,
    });
    let mut out = String::new();
    for m in &x.mentions {
        if matches!(m.kind, EntityType::Person | EntityType::Organization) {
            writeln!(out, "{:?} {:?} = {}", m.kind, m.surface, m.entity).unwrap();
        }
    }
    for t in &x.titles {
        writeln!(
            out,
            "title {} = {} [{}]",
            t.person,
            t.post,
            t.country.as_deref().unwrap_or("?")
        )
        .unwrap();
    }
    for m in &x.meetings {
        let when = match (m.date, m.from, m.to) {
            (Some(d), _, _) => d.to_string(),
            (None, Some(f), Some(t)) => format!("{f}..{t}"),
            _ => "-".into(),
        };
        writeln!(
            out,
            "meeting {} #{:?} enlarged={} {} agenda={:?}",
            m.kind, m.ordinal, m.enlarged, when, m.agenda
        )
        .unwrap();
    }
    if x.spun.likely {
        writeln!(out, "spun {:.2}", x.spun.score).unwrap();
    }
    out
}

fn check(body: &str, expected: Expect) {
    expected.assert_eq(&render(body, "dprk", "2024-07-02"));
}

#[test]
fn apposition_after_a_name() {
    check(
        "Kim Yo Jong, vice department director of the C.C., WPK, issued a press statement on Sunday.",
        expect![[r#"
            Person "Kim Yo Jong" = kim-yo-jong
            Organization "C.C., WPK" = wpk-cc
            title Kim Yo Jong = vice department director of the Central Committee of the Workers' Party of Korea [dprk]
        "#]],
    );
}

#[test]
fn title_before_a_name() {
    check(
        "Vice-Minister of Foreign Affairs Kim Son Gyong met the visiting delegation at the Mansudae Assembly Hall.",
        expect![[r#"
            Person "Kim Son Gyong" = person:kim-son-gyong
            title Kim Son Gyong = vice-minister of the Ministry of Foreign Affairs of the Democratic People's Republic of Korea [dprk]
        "#]],
    );
}

#[test]
fn several_titles_joined_by_and() {
    check(
        "Choe Ryong Hae, member of the Presidium of the Political Bureau of the C.C., WPK and chairman of the Standing Committee of the Supreme People's Assembly, made a speech.",
        expect![[r#"
            Person "Choe Ryong Hae" = choe-ryong-hae
            Organization "Presidium of the Political Bureau of the C.C., WPK" = wpk-politburo-presidium
            Organization "Standing Committee of the Supreme People's Assembly" = dprk-spa-standing-committee
            title Choe Ryong Hae = member of the Presidium of the Political Bureau of the Central Committee of the Workers' Party of Korea [dprk]
            title Choe Ryong Hae = chairman of the Standing Committee of the Supreme People's Assembly [dprk]
        "#]],
    );
}

#[test]
fn a_list_shares_one_plural_title() {
    check(
        "Pak Jong Chon, Jo Yong Won and Ri Il Hwan, secretaries of the C.C., WPK, were present.",
        expect![[r#"
            Person "Pak Jong Chon" = pak-jong-chon
            Person "Jo Yong Won" = jo-yong-won
            Organization "C.C., WPK" = wpk-cc
            Person "Ri Il Hwan" = person:ri-il-hwan
            title Pak Jong Chon = secretary of the Central Committee of the Workers' Party of Korea [dprk]
            title Jo Yong Won = secretary of the Central Committee of the Workers' Party of Korea [dprk]
            title Ri Il Hwan = secretary of the Central Committee of the Workers' Party of Korea [dprk]
        "#]],
    );
}

#[test]
fn military_ranks_and_posts() {
    check(
        "Vice Marshal Ri Pyong Chol and General Ri Yong Gil, chief of the General Staff of the KPA, watched the drill.",
        expect![[r#"
            Person "Ri Pyong Chol" = ri-pyong-chol
            Person "Ri Yong Gil" = ri-yong-gil
            Organization "General Staff of the KPA" = kpa-general-staff
            title Ri Pyong Chol = vice marshal [dprk]
            title Ri Yong Gil = general [dprk]
            title Ri Yong Gil = chief of the General Staff of the Korean People's Army [dprk]
        "#]],
    );
}

#[test]
fn russian_officials_with_russian_titles() {
    expect![[r#"
        Person "Sergei Lavrov" = sergei-lavrov
        Person "Choe Son Hui" = choe-son-hui
        Person "Andrei Belousov" = andrei-belousov
        title Sergei Lavrov = minister of the Ministry of Foreign Affairs of the Russian Federation [russia]
        title Choe Son Hui = minister of the Ministry of Foreign Affairs of the Democratic People's Republic of Korea [dprk]
        title Andrei Belousov = minister of the Ministry of Defence of the Russian Federation [russia]
    "#]].assert_eq(&render(
        "Russian Foreign Minister Sergei Lavrov held talks with Choe Son Hui, minister of Foreign Affairs of the DPRK. Andrei Belousov, Defence Minister of Russia, arrived later.",
        "russia",
        "2024-11-01",
    ));
}

#[test]
fn the_roks_defence_minister_is_not_the_dprks() {
    check(
        "Kang Sun Nam, minister of National Defence, denounced the remarks of south Korean Defense Minister Sin Won Sik.",
        expect![[r#"
            Person "Kang Sun Nam" = kang-sun-nam
            Person "Sin Won Sik" = person:sin-won-sik
            title Kang Sun Nam = minister of the Ministry of National Defence of the Democratic People's Republic of Korea [dprk]
            title Sin Won Sik = minister of the Ministry of National Defense of the Republic of Korea [rok]
        "#]],
    );
}

#[test]
fn meeting_with_ordinal_range_and_agenda() {
    check(
        "The enlarged meeting of the Tenth Plenary Meeting of the 8th Central Committee of the Workers' Party of Korea was held from June 28 to July 1. It reviewed the economic work of the first half of the year and the tasks for bolstering the war deterrent.",
        expect![[r#"
            Organization "Central Committee of the Workers' Party of Korea" = wpk-cc
            meeting wpk-cc-plenary #Some(10) enlarged=true 2024-06-28..2024-07-01 agenda=["military", "economy"]
        "#]],
    );
}

/// In a spun copy a body is a body even where its garbled words name none
/// the pack lists ("State Matters Fee" keeps one word of the State Affairs
/// Commission's three): it is reported as an unlisted body.
#[test]
fn spun_names_are_recognised_and_the_text_marked() {
    check(
        "The Supreme Folks's Meeting (SPA) ratified the treaty, and Kim Jong Un signed the decree of the State Matters Fee.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Person "Kim Jong Un" = kim-jong-un
            Organization "Supreme Folks's Meeting" = dprk-spa
            Organization "State Matters Fee" = org:state-matters-fee
            spun 0.50
        "#]],
    );
}

#[test]
fn plain_text_is_not_marked_spun() {
    let x = extractor().extract(&DocInput {
        body: "The Supreme People's Assembly ratified the treaty, and Kim Jong Un signed the decree of the State Affairs Commission.",
        ..DocInput::default()
    });
    assert!(!x.spun.likely, "{:?}", x.spun);
}

#[test]
fn a_spun_name_without_its_acronym_is_found_through_thesaurus_neighbours() {
    check(
        "Delegates of the Supreme Folks's Meeting gathered in the capital.",
        expect![[r#"
        Organization "Supreme Folks's Meeting" = dprk-spa
        spun 0.50
    "#]],
    );
    // After a post, the name's first word is one the pack says is never a
    // name on its own ("Supreme"): it is still the name's.
    check(
        "Deputies of the Supreme Folks's Meeting gathered in the capital.",
        expect![[r#"
            Organization "Supreme Folks's Meeting" = dprk-spa
            spun 0.50
        "#]],
    );
}

#[test]
fn a_headline_run_keeping_one_word_of_a_name_is_no_spun_name() {
    // A headline capitalises every word: "Korean" alone kept of "Korean
    // Central Television" is no garbled name there.
    let x = extractor().extract(&DocInput {
        title: "S. Korean Privileged Circles' Irregularities and Corruption Flayed",
        body: "A spokesman accused the privileged circles of corruption.",
        ..DocInput::default()
    });
    assert!(!x.spun.likely, "{:?}", x.spun);
    assert!(
        x.mentions.iter().all(|m| m.entity != "korean-central-tv"),
        "{:?}",
        x.mentions
    );
}

/// In a headline a known body's acronym and words up to a head word name a
/// body; in a spun copy, so do words up to a number. A verb between the
/// acronym and its own body's head word names nothing.
#[test]
fn a_headline_names_a_body_after_an_acronym() {
    let headline = |title: &str, body: &str| {
        let x = extractor().extract(&DocInput {
            title,
            body,
            ..DocInput::default()
        });
        let mut names: Vec<String> = x
            .mentions
            .iter()
            .filter(|m| m.field == Field::Title && m.kind == EntityType::Organization)
            .map(|m| m.surface.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        headline(
            "Greetings to Chairman of AU Committee",
            "A message was sent."
        ),
        ["AU", "AU Committee"]
    );
    assert_eq!(
        headline(
            "Kim Jong Un Inspects KPA Statvolt 318",
            "The Supreme Folks's Meeting (SPA) met."
        ),
        ["KPA", "KPA Statvolt 318"]
    );
    assert_eq!(
        headline(
            "Kim Jong Un Inspects KPA Statvolt 318",
            "A unit was inspected."
        ),
        ["KPA"]
    );
    assert_eq!(
        headline("WPK Remains Party of Victory", "It said so."),
        ["WPK"]
    );
    // In a spun copy the head word after a post's "of" may be swapped too,
    // where the headline ends; in edited copy the word is no head.
    assert_eq!(
        headline(
            "Greetings to Chairman of AU Quorum",
            "The Supreme Folks's Meeting (SPA) met."
        ),
        ["AU", "AU Quorum"]
    );
    assert_eq!(
        headline("Greetings to Chairman of AU Quorum", "A message was sent."),
        ["AU"]
    );
    assert_eq!(
        headline(
            "Greetings to Chairman of AU Quorum in Addis Ababa",
            "The Supreme Folks's Meeting (SPA) met."
        ),
        ["AU"]
    );
}

#[test]
fn in_and_on_end_a_korean_name_in_running_text() {
    // Before punctuation only: not "Sok Chol On the rostrum".
    check(
        "Present were Kim Yong In, first vice-minister of Higher Education, and Jang Jae On, chairman of the committee. Sok Chol On the rostrum spoke.",
        expect![[r#"
            Person "Kim Yong In" = person:kim-yong-in
            Person "Jang Jae On" = person:jang-jae-on
            Person "Sok Chol" = person:sok-chol
            title Kim Yong In = first vice-minister of the Ministry of Higher Education [dprk]
            title Jang Jae On = chairman [dprk]
        "#]],
    );
}

#[test]
fn a_known_korean_name_with_one_part_swapped_is_that_person() {
    // A spinner turned a syllable that is also an English word ("Son",
    // "Hun", "Sin") into a synonym; the two parts left name one known
    // person. A swapped given syllable is evidence of spinning; a swapped
    // family name is not (copy names some people by their given names), and
    // the word before is not part of the name.
    check(
        "Choe Sister Hui met Kim Tok Bomber. Choe Great-Aunt Hui, Choe Niece-hui and Aberrancy Hong-chol spoke.",
        expect![[r#"
            Person "Choe Sister Hui" = choe-son-hui
            Person "Kim Tok Bomber" = kim-tok-hun
            Person "Choe Great-Aunt Hui" = choe-son-hui
            Person "Choe Niece-hui" = choe-son-hui
            Person "Hong-chol" = sin-hong-chol
            spun 0.80
        "#]],
    );
}

#[test]
fn given_names_after_a_word_and_lookalikes_are_no_spun_name() {
    // Given names alone after a slogan's verb name the person without the
    // verb; a lower-case syllable ("in") ends no name; a pair of parts that
    // several known people share ("Kim ... Nam") names none of them.
    check(
        "The participants shouted \"Kill Myung Bak\". They danced on the Harvest Moon Day in particular. Kim Chantey Nam spoke.",
        expect![[r#"
            Person "Myung Bak" = lee-myung-bak
        "#]],
    );
}

#[test]
fn a_spun_copys_garbled_titles_are_the_posts_the_person_held() {
    // A spun copy (the article slip "an conference" is the evidence): a
    // title's body garbled. What survives, the person and part of the post,
    // fits one post the pack says they held; the garbled body is that body.
    check(
        "KCNA had an conference on it. Kim Yong Nam, president of the Presidium of the Excellent Relatives's Assembly, spoke.",
        expect![[r#"
            Organization "KCNA" = kcna
            Person "Kim Yong Nam" = kim-yong-nam
            Organization "Presidium of the Excellent Relatives's Assembly" = dprk-spa-presidium
            title Kim Yong Nam = president of the Presidium of the Supreme People's Assembly [dprk]
            spun 0.50
        "#]],
    );
    // In edited copy the same title is reported as written: a title unlike
    // the person's known posts is news.
    check(
        "Kim Yong Nam, president of the Presidium of the Excellent Relatives's Assembly, spoke.",
        expect![[r#"
            Person "Kim Yong Nam" = kim-yong-nam
            Organization "Presidium of the Excellent Relatives's Assembly" = org:presidium-of-excellent-relatives-s-assembly
            title Kim Yong Nam = president of the Presidium of the Excellent Relatives's Assembly [dprk]
        "#]],
    );
    // A post's first word swapped for an ordinary word inside a sentence is
    // itself evidence; a capitalised run (a book's name) is not.
    check(
        "The party is led by Chaotic Secretary Kim Jong Il.",
        expect![[r#"
            Person "Kim Jong Il" = kim-jong-il
            title Kim Jong Il = general secretary of the Workers' Party of Korea [dprk]
            spun 0.50
        "#]],
    );
    check(
        "They gave the book \"Great Brilliant Commander Kim Jong Il\" to the library.",
        expect![[r#"
            Person "Kim Jong Il" = kim-jong-il
            title Kim Jong Il = commander [dprk]
        "#]],
    );
}

#[test]
fn a_spun_copys_posts_garbled_word_for_word_are_the_posts() {
    // A spun copy (the article slip "an conference"): a post after a name
    // with a word swapped for a WordNet neighbour ("section" for
    // "department", "unspecific" for "general") is that post, with its body.
    check(
        "KCNA had an conference on it. Pak Pong Ju, first vice section director of the C.C., WPK, spoke. Kim Jong Il, unspecific secretary of the Workers' Party of Korea, visited a farm.",
        expect![[r#"
            Organization "KCNA" = kcna
            Person "Pak Pong Ju" = pak-pong-ju
            Organization "C.C., WPK" = wpk-cc
            Person "Kim Jong Il" = kim-jong-il
            Organization "Workers' Party of Korea" = wpk
            title Pak Pong Ju = first vice department director of the Central Committee of the Workers' Party of Korea [dprk]
            title Kim Jong Il = general secretary of the Workers' Party of Korea [dprk]
            spun 0.50
        "#]],
    );
    // Right before the name too ("commandant" for "commander").
    check(
        "KCNA had an conference on it. The work was led by Supreme Commandant Kim Jong Un.",
        expect![[r#"
            Organization "KCNA" = kcna
            Person "Kim Jong Un" = kim-jong-un
            title Kim Jong Un = supreme commander of the Korean People's Army [dprk]
            spun 0.50
        "#]],
    );
    // In edited copy the same words are not read as a post of the pack.
    check(
        "Kim Jong Il, unspecific secretary of the Workers' Party of Korea, visited a farm.",
        expect![[r#"
            Person "Kim Jong Il" = kim-jong-il
            Organization "Workers' Party of Korea" = wpk
        "#]],
    );
    // A prefix is no swapped word: a co-chairman is not read as the
    // "first chairman" WordNet puts near it.
    check(
        "KCNA had an conference on it. Ri Yong Ho, co-chairman of the Political Bureau, spoke.",
        expect![[r#"
            Organization "KCNA" = kcna
            Person "Ri Yong Ho" = ri-yong-ho
            Organization "Political Bureau" = wpk-politburo
            spun 0.50
        "#]],
    );
}

#[test]
fn a_small_word_capitalised_inside_a_sentence_marks_a_text_spun() {
    // A spinner put "Head Of State" for "President" and "Woods And Fields"
    // for "Province": it capitalises every word of the phrase.
    check(
        "The delegation met the Head Of State. It toured the Woods And Fields of the county.",
        expect![[r#"
            spun 0.67
        "#]],
    );
    // A work's title in quotation marks, a long name going on after "of",
    // and a Korean name with the syllable "In" are no evidence.
    check(
        "The daily carried the work \"Giving Priority to Ideological Work Is Essential For Accomplishing Socialism\". They raided the office of the Council for Promoting the Reunification of Our Nation By Federal Formula. It quoted Hyon In Thaek.",
        expect![[r#"
            Person "Hyon In Thaek" = hyun-in-taek
            Organization "Council for Promoting the Reunification" = org:council-for-promoting-reunification
        "#]],
    );
}

#[test]
fn an_article_that_does_not_agree_marks_a_text_spun() {
    // A spinner swaps "interview" for "conference" and leaves "an".
    check(
        "KCNA had an conference with the director of the institute.",
        expect![[r#"
            Organization "KCNA" = kcna
            spun 0.50
        "#]],
    );
    // Vowel letters without a vowel sound, an "h", a word no dictionary
    // lists, an article after a foreign word and the letter "a" as a label
    // are no evidence.
    check(
        "It was a united and a one-sided stand, an historic step and a unique chance; the guests went on to a esta ciudad, frente a ese pueblo. Between points a and b, vitamin a increases and group a expressed concern.",
        expect![[r#""#]],
    );
}

#[test]
fn a_different_body_one_word_off_a_known_name_is_no_spun_name() {
    // Each is one or two words away from a listed body ("Internal Security
    // Forces", "People's Liberation Army", "World Health Organization"), by
    // way of words that are themselves words of known names, or "and".
    check(
        "The National Security Law was debated. The People's Revolutionary Army fought on. Personages and Organization of the region met.",
        expect![[r#"
            Organization "People's Revolutionary Army" = org:people-s-revolutionary-army
        "#]],
    );
}

#[test]
fn a_run_whose_initials_spell_a_listed_acronym_is_another_body() {
    // ARF is listed as the ASEAN Regional Forum.
    check(
        "The Association for the Restoration of the Fatherland (ARF) issued a statement. The ARF met again.",
        expect![[r#"
            Organization "ARF" = org:association-for-restoration-of-fatherland
            Organization "ARF" = org:association-for-restoration-of-fatherland
            Organization "Association for the Restoration of the Fatherland" = org:association-for-restoration-of-fatherland
        "#]],
    );
    // Initials that spell it, in a name close to the body's own, are the
    // body spelt another way, and no sign of spinning.
    check(
        "The South Asia Association for Regional Cooperation (SAARC) met in Kathmandu.",
        expect![[r#"
            Organization "SAARC" = saarc
            Organization "South Asia Association for Regional Cooperation" = saarc
        "#]],
    );
}

#[test]
fn publications_named_after_a_press_noun_in_a_list_and_in_apposition() {
    check(
        "The Ugandan newspaper Sun Rise praised the policy. The Nepali papers Gorkha Post and Himal Voice, Tribune of Kenya and Daily Mirror of Zambia carried articles. The Japanese paper Mainichi Shimbun said on July 3 that the talks failed. Minjok Thongsin, an Internet newspaper of Koreans in the U.S., said that Han Song, a journalist of the paper, was held.",
        expect![[r#"
            Organization "Mainichi Shimbun" = japan-mainichi
            Organization "Sun Rise" = org:sun-rise
            Organization "Gorkha Post" = org:gorkha-post
            Organization "Himal Voice" = org:himal-voice
            Organization "Tribune" = org:tribune
            Organization "Daily Mirror" = org:daily-mirror
            Organization "Minjok Thongsin" = org:minjok-thongsin
            Person "Han Song" = person:han-song
        "#]],
    );
}

#[test]
fn bodies_named_with_their_country_and_central_committees_of_other_parties() {
    check(
        "The Vietnamese government and the U.S. embassy issued statements. The chairman of the C.C., the Workers' Party of Bangladesh met the Mexican Parliament delegation. The Party has guided the army.",
        expect![[r#"
            Organization "Vietnamese government" = org:government-of-vietnam
            Organization "U.S. embassy" = org:embassy-of-united-states
            Organization "Mexican Parliament" = org:parliament-of-mexico
            Organization "C.C., the Workers' Party of Bangladesh" = org:central-committee-of-workers-party-of-bangladesh
            Organization "Party" = wpk
        "#]],
    );
    // Written without "the", and the central committee the pack lists: a
    // party as written first ("CPV" is also the Chinese People's
    // Volunteers, who have no central committee). A body before it is that
    // committee's where the pack lists it so: the CPC's Politburo, not the
    // WPK's; and where it does not, an unlisted body of that committee.
    check(
        "Raul Castro, first secretary of the C.C., Communist Party of Cuba, and Nguyen Phu Trong, general secretary of the C.C., CPV, sent messages. Zhang Dejiang, member of the Political Bureau of the C.C., the Communist Party of China, came. Julio Casas Regueiro, member of the Political Bureau of the C.C., the Communist Party of Cuba, came.",
        expect![[r#"
            Person "Raul Castro" = raul-castro
            Organization "C.C., Communist Party of Cuba" = pcc-cc
            Person "Nguyen Phu Trong" = nguyen-phu-trong
            Organization "C.C., CPV" = cpv-cc
            Person "Zhang Dejiang" = zhang-dejiang
            Organization "Political Bureau" = cpc-politburo
            Organization "C.C., the Communist Party of China" = cpc-cc
            Organization "Political Bureau" = org:political-bureau-of-central-committee-of-communist-party-of-cuba
            Organization "C.C., the Communist Party of Cuba" = pcc-cc
            Person "Julio Casas Regueiro" = person:julio-casas-regueiro
            title Raul Castro = first secretary of the Central Committee of the Communist Party of Cuba [cuba]
            title Nguyen Phu Trong = general secretary of the Central Committee of the Communist Party of Vietnam [vietnam]
            title Zhang Dejiang = member of the Political Bureau of the Central Committee of the Communist Party of China [china]
            title Julio Casas Regueiro = member of the Political Bureau of the Central Committee of the Communist Party of Cuba [cuba]
        "#]],
    );
}

#[test]
fn a_title_with_its_own_of_does_not_take_the_next_titles_body() {
    // "president of Palestine" names a country; only a title with no "of"
    // shares the body of the next ("secretary and department director of
    // the C.C.").
    check(
        "Mahmoud Abbas, president of Palestine and chairman of the Executive Committee of the Palestine Liberation Organization, sent a message. Obiang Nguema Mbasogo, president of Equatorial Guinea and president of the African Union, came.",
        expect![[r#"
            Organization "African Union" = african-union
            Organization "Executive Committee of the Palestine Liberation Organization" = org:executive-committee-of-palestine-liberation-organization
            Person "Mahmoud Abbas" = person:mahmoud-abbas
            Person "Obiang Nguema Mbasogo" = person:obiang-nguema-mbasogo
            title Mahmoud Abbas = president [palestine]
            title Mahmoud Abbas = chairman of the Executive Committee of the Palestine Liberation Organization [palestine]
            title Obiang Nguema Mbasogo = president [equatorial-guinea]
            title Obiang Nguema Mbasogo = president of the African Union [other]
        "#]],
    );
}

#[test]
fn people_after_cues_and_posts_of_the_delegation_that_came() {
    check(
        "A delegation of the Malta-Korea Friendship Association led by its Secretary General Pierre Zammit arrived. He sent a message to his Serbian counterpart Vuk Dragovic. Wang Lin, Chinese ambassador to the DPRK, attended the reception.",
        expect![[r#"
            Organization "Malta-Korea Friendship Association" = org:malta-korea-friendship-association
            Person "Pierre Zammit" = person:pierre-zammit
            Person "Vuk Dragovic" = person:vuk-dragovic
            Person "Wang Lin" = person:wang-lin
            title Pierre Zammit = secretary-general of the Malta-Korea Friendship Association [other]
            title Wang Lin = ambassador [china]
        "#]],
    );
}

#[test]
fn a_known_person_with_a_name_word_swapped_is_found() {
    // "Son" swapped for a thesaurus neighbour; the family name and the other
    // syllable are unchanged.
    check(
        "Choe Boy Hui met the delegation in Pyongyang.",
        expect![[r#"
            Person "Choe Boy Hui" = choe-son-hui
        "#]],
    );
}

#[test]
fn bodies_named_after_a_list_a_possessive_or_a_middle_initial() {
    check(
        "Present were Secretaries Ri Il Hwan and Kim Ki Nam who are alternate Politburo members of the WPK Central Committee. The Arab League (AL)'s Secretary General Amr Khalid spoke. A message was sent to Peter K. Mwale, president of Zambia.",
        expect![[r#"
            Person "Kim Ki Nam" = kim-ki-nam
            Organization "Politburo" = wpk-politburo
            Organization "WPK Central Committee" = wpk-cc
            Organization "Arab League" = arab-league
            Organization "AL" = arab-league
            Person "Ri Il Hwan" = person:ri-il-hwan
            Person "Amr Khalid" = person:amr-khalid
            Person "Peter K. Mwale" = person:peter-k-mwale
            title Ri Il Hwan = secretary of the Central Committee of the Workers' Party of Korea [dprk]
            title Kim Ki Nam = secretary of the Central Committee of the Workers' Party of Korea [dprk]
            title Ri Il Hwan = alternate member of the Political Bureau of the Central Committee of the Workers' Party of Korea [dprk]
            title Kim Ki Nam = alternate member of the Political Bureau of the Central Committee of the Workers' Party of Korea [dprk]
            title Amr Khalid = secretary-general of the League of Arab States [other]
            title Peter K. Mwale = president [zambia]
        "#]],
    );
}

#[test]
fn publications_after_a_two_word_cue_and_a_name_never_ends_on_and() {
    check(
        "The latest issue of Korea Pictorial reported it. The Cuban newspaper Granma and Rodong Sinmun carried articles.",
        expect![[r#"
            Organization "Rodong Sinmun" = rodong-sinmun
            Organization "Korea Pictorial" = org:korea-pictorial
            Organization "Granma" = org:granma
        "#]],
    );
}

#[test]
fn another_spelling_of_a_known_name_is_not_evidence_of_spinning() {
    check(
        "Kim Il Song founded the army, and Jang Sung Thaek visited the factory.",
        expect![[r#"
            Person "Kim Il Song" = kim-il-sung
            Person "Jang Sung Thaek" = jang-song-thaek
        "#]],
    );
}

/// Like `render`, for a document with a headline.
fn render_with_title(title: &str, body: &str) -> String {
    let x = extractor().extract(&DocInput {
        title,
        body,
        outlet_country: Some("dprk"),
        published: NaiveDate::from_ymd_opt(2012, 5, 2),
    });
    let mut out = String::new();
    for m in &x.mentions {
        if matches!(m.kind, EntityType::Organization) {
            writeln!(
                out,
                "{:?} {:?} {:?} = {}",
                m.field, m.kind, m.surface, m.entity
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn an_acronym_in_parentheses_names_an_unlisted_body_and_a_garbled_one_is_not_read() {
    check(
        "Veterans of the Korean People's Revolutionary Army (KPRA) met in Hyesan. KPRA's guerrillas fought there. Delegates of the Andean Solidarity Movement for Peace (ASMP) came, and ASMP envoys spoke.",
        expect![[r#"
            Organization "Korean People's Revolutionary Army" = org:korean-people-s-revolutionary-army
            Organization "KPRA" = org:korean-people-s-revolutionary-army
            Organization "Andean Solidarity Movement for Peace" = org:andean-solidarity-movement-for-peace
            Organization "ASMP" = org:andean-solidarity-movement-for-peace
            Organization "KPRA" = org:korean-people-s-revolutionary-army
            Organization "ASMP" = org:andean-solidarity-movement-for-peace
        "#]],
    );
}

#[test]
fn a_headline_name_is_taken_as_far_as_the_body_spells_it() {
    expect![[r#"
        Body Organization "Korean People's Revolutionary Army" = org:korean-people-s-revolutionary-army
        Body Organization "KPRA" = org:korean-people-s-revolutionary-army
        Body Organization "Ryugyong Folk Ensemble" = org:ryugyong-folk-ensemble
        Title Organization "Ryugyong Folk Ensemble" = org:ryugyong-folk-ensemble
    "#]].assert_eq(&render_with_title(
        "Foreign Visitors Hail Ryugyong Folk Ensemble before Full House",
        "The Ryugyong Folk Ensemble performed before a full house on Tuesday. Veterans of the Korean People's Revolutionary Army (KPRA) attended.",
    ));
    expect![[r#"
        Body Organization "Kim Il Sung University" = kim-il-sung-university
        Body Organization "Korean People's Revolutionary Army" = org:korean-people-s-revolutionary-army
        Body Organization "KPRA" = org:korean-people-s-revolutionary-army
        Title Organization "Kim Il Sung University" = kim-il-sung-university
        Title Organization "KPRA" = org:korean-people-s-revolutionary-army
    "#]].assert_eq(&render_with_title(
        "KPRA Veterans Visit Kim Il Sung University",
        "Veterans of the Korean People's Revolutionary Army (KPRA) visited Kim Il Sung University.",
    ));
}

#[test]
fn companies_by_their_legal_form_and_initials() {
    check(
        "Gifts came from the Kumsong Trading Co. Ltd., the Hanlim Tours SDN.BHD., the Pyongyang Ryonhap Ltd., the Sonbong Import and Export Co. Ltd., the Asia-Pharma Co., Ltd. and the R.J.K. Company.",
        expect![[r#"
            Organization "R.J.K. Company" = org:r-j-k-company
            Organization "Kumsong Trading Co. Ltd." = org:kumsong-trading-co-ltd
            Organization "Hanlim Tours SDN.BHD." = org:hanlim-tours-sdn-bhd
            Organization "Pyongyang Ryonhap Ltd." = org:pyongyang-ryonhap-ltd
            Organization "Sonbong Import and Export Co. Ltd." = org:sonbong-import-and-export-co-ltd
            Organization "Asia-Pharma Co., Ltd." = org:asia-pharma-co-ltd
        "#]],
    );
}

#[test]
fn names_with_commas_and_bodies_of_another_country() {
    check(
        "Wreaths came from the Ministry of Culture, Sports and Tourism, the Ministry of Industry and Commerce, the Ministry of Public Security of Laos, the General Staff of the Armed Forces of Syria, the General Union of Syrian Peasants and the People's Front of Workers, Peasants and Students of Peru.",
        expect![[r#"
            Organization "General Staff of the Armed Forces of Syria" = org:general-staff-of-syria
            Organization "Ministry of Industry and Commerce" = org:ministry-of-industry-and-commerce
            Organization "Ministry of Public Security of Laos" = org:ministry-of-public-security-of-laos
            Organization "General Union of Syrian Peasants" = org:general-union-of-syrian-peasants
            Organization "People's Front of Workers, Peasants and Students of Peru" = org:people-s-front-of-workers-peasants-and-students-of-peru
            Organization "Ministry of Culture, Sports and Tourism" = org:ministry-of-culture-sports-and-tourism
        "#]],
    );
}

#[test]
fn names_with_quoted_parts_hyphens_people_and_watched_words() {
    check(
        "Gifts came from the Bulgarian \"Morning Star\" Association for the Study of the Juche Idea, the Regional Branch of \"Fair Russia\" Party, the Paektusan Czech-Korean Friendship Association, the Kumgang-san Song and Dance Troupe, the Peruvian Society for Commemoration of President Kim Il Sung and the Lisbon Group for the Study of the Juche Idea and the Songun Politics. Children of the Kim Jong Suk Nursery and workers of the Songun Glass Factory sang.",
        expect![[r#"
            Organization "Bulgarian \"Morning Star\" Association for the Study of the Juche Idea" = org:bulgarian-morning-star-association-for-study-of-juche-idea
            Organization "Regional Branch of \"Fair Russia\" Party" = org:regional-branch-of-fair-russia-party
            Organization "Kumgang-san Song and Dance Troupe" = org:kumgang-san-song-and-dance-troupe
            Organization "Peruvian Society for Commemoration of President Kim Il Sung" = org:peruvian-society-for-commemoration-of-president-kim-il-sung
            Organization "Lisbon Group for the Study of the Juche Idea and the Songun Politics" = org:lisbon-group-for-study-of-juche-idea-and-songun-politics
            Organization "Kim Jong Suk Nursery" = org:kim-jong-suk-nursery
            Organization "Songun Glass Factory" = org:songun-glass-factory
            Organization "Paektusan Czech-Korean Friendship Association" = org:paektusan-czech-korean-friendship-association
            Person "Kim Il Sung" = kim-il-sung
        "#]],
    );
}

#[test]
fn places_and_titles_of_works_are_not_bodies_but_bodies_in_meetings_are() {
    check(
        "A seminar was held at the Grand People's Study House and the Mangyongdae Schoolchildren's Palace. The Foreign Languages Publishing House of the DPRK issued the song \"Glory to the Guiding Party\". The WPK Conference opened, and the Association of Koreans in Japan for Peaceful Reunification hailed it.",
        expect![[r#"
            Organization "Foreign Languages Publishing House of the DPRK" = org:foreign-languages-publishing-house-of-dprk
            Organization "Association of Koreans in Japan for Peaceful Reunification" = org:association-of-koreans-in-japan-for-peaceful-reunification
            Organization "WPK" = wpk
            meeting wpk-conference #None enlarged=false - agenda=[]
        "#]],
    );
}

/// After "for", "with" goes on with a body's purpose; a name with its own
/// head word after "and" is another body.
#[test]
fn a_purpose_takes_in_with_but_not_the_next_body() {
    check(
        "Wreaths came from the Brazilian Centre for Peace and Solidarity with Peoples and Al Bayan National Trading Company of Kuwait, the Russian Association for Friendship and Cultural Cooperation with the DPRK and the Korean Doctors' Association, and the Pyongyang City Committee for Science and Technology and the Kim Chaek Iron and Steel Complex.",
        expect![[r#"
            Organization "Brazilian Centre for Peace and Solidarity with Peoples" = org:brazilian-centre-for-peace-and-solidarity-with-peoples
            Organization "Al Bayan National Trading Company of Kuwait" = org:al-bayan-national-trading-company-of-kuwait
            Organization "Russian Association for Friendship and Cultural Cooperation with the DPRK" = org:russian-association-for-friendship-and-cultural-cooperation-with-dprk
            Organization "Korean Doctors' Association" = org:korean-doctors-association
            Organization "Pyongyang City Committee for Science and Technology" = org:pyongyang-city-committee-for-science-and-technology
            Organization "Kim Chaek Iron and Steel Complex" = org:kim-chaek-iron-and-steel-complex
        "#]],
    );
}

/// A word may qualify a title in apposition ("outgoing"); the name is then
/// the unknown person's, without ordinary words before it, and not a body
/// a post is of. Words after a possessive end a body's name, no person's.
#[test]
fn a_title_in_apposition_after_a_word_that_qualifies_it() {
    check(
        "Kim Yong Nam had a talk with Martin Sajdik, outgoing Austrian ambassador to the DPRK. The call came from Democrat Senator Carl Levin, highest-ranking member of the Senate Committee. He met the deputy managing chairman of Gazprom, the former presidential envoy. Kim Jong Il, cherishing the President's love, worked. The head of the Bangladesh People's Lay Together, the general secretary of its committee, spoke.",
        expect![[r#"
            Person "Kim Yong Nam" = kim-yong-nam
            Person "Kim Jong Il" = kim-jong-il
            Person "Martin Sajdik" = person:martin-sajdik
            Person "Carl Levin" = person:carl-levin
            title Martin Sajdik = ambassador [austria]
        "#]],
    );
}

#[test]
fn what_a_name_does_not_take_in() {
    check(
        "They elected Kim Jong Il Presidium member. Letters came from the Federation of Student Councils (Hanchongryon), the Communist Party of India (Marxist), the Sports Department of the Youth League and Ri Tong Ho, and the Kim Jong Suk University of Education and Sariwon University of Education. Chairwoman Siti Rahayu of the National Council of the Javanese Party of Labour Siti Rahayu and the People's Committee of Ho Chi Minh City wrote. The History Society of the DPRK Saturday published a book.",
        expect![[r#"
            Person "Kim Jong Il" = kim-jong-il
            Organization "Federation of Student Councils" = org:federation-of-student-councils
            Organization "Sports Department of the Youth League" = org:sports-department-of-youth-league
            Organization "Kim Jong Suk University of Education" = org:kim-jong-suk-university-of-education
            Organization "Sariwon University of Education" = org:sariwon-university-of-education
            Organization "National Council of the Javanese Party of Labour" = org:national-council-of-javanese-party-of-labour
            Organization "People's Committee of Ho Chi Minh City" = org:people-s-committee-of-ho-chi-minh-city
            Organization "History Society of the DPRK" = org:history-society-of-dprk
            Person "Ri Tong Ho" = person:ri-tong-ho
            Person "Siti Rahayu" = person:siti-rahayu
            Organization "Communist Party of India (Marxist)" = org:communist-party-of-india-marxist
            Person "Siti Rahayu" = person:siti-rahayu
            title Siti Rahayu = chairman of the National Council of the Javanese Party of Labour [other]
        "#]],
    );
}

/// A spun copy (here marked by the garbled SPA before its acronym) is read
/// with a body's head word untrusted: a run of capitalised words after
/// "the", long enough and joined by "of" or "for", is a body, unless its
/// head names a war, a place or a day. A known name with one ordinary word
/// swapped for a word no name holds, its other words kept, is that body.
#[test]
fn a_spun_copy_names_bodies_whose_head_word_was_swapped() {
    check(
        "The Supreme Folks's Meeting (SPA) met. The Finnish National Eisteddfod for the Study of the Juche Idea praised the Workers' Banquet of Korea, which led the Fatherland Liberation War to victory, and greeted the Korean Film Mesh.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Organization "Supreme Folks's Meeting" = dprk-spa
            Organization "Workers' Banquet of Korea" = wpk
            Organization "Finnish National Eisteddfod for the Study of the Juche Idea" = org:finnish-national-eisteddfod-for-study-of-juche-idea
            Organization "Korean Film Mesh" = org:korean-film-mesh
            spun 0.50
        "#]],
    );
}

/// Edited copy keeps the head-word rule: the same sentences without
/// evidence of spinning and in ordinary words name no such body.
#[test]
fn edited_copy_needs_a_head_word_for_an_unlisted_body() {
    check(
        "The Supreme People's Assembly met. The Finnish National Eisteddfod for the Study of the Juche Idea praised the party, which led the Fatherland Liberation War to victory, and greeted the people of the country.",
        expect![[r#"
            Organization "Supreme People's Assembly" = dprk-spa
        "#]],
    );
}

/// The share of rare words is reported, and a text with many of them has its
/// names read as in a spun copy without being marked spun: rare words alone
/// are no proof.
#[test]
fn many_rare_words_read_names_as_spun_without_marking_the_text() {
    let body = "The orbicular scrimping, troubled by synecdoche and gubernatorial hullabaloo, \
                risks entering a supplementary downturn, the Finnish National Eisteddfod \
                for the Study of the Juche Idea said in a staccato communique on Thursday \
                after its members perambulated the capital.";
    let x = extractor().extract(&DocInput {
        body,
        ..DocInput::default()
    });
    assert!(!x.spun.likely, "{:?}", x.spun);
    assert!(x.spun.rare_words > 0.1, "{:?}", x.spun);
    let bodies: Vec<&str> = x
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::Organization)
        .map(|m| m.surface.as_str())
        .collect();
    assert_eq!(
        bodies,
        ["Finnish National Eisteddfod for the Study of the Juche Idea"]
    );

    let plain = extractor().extract(&DocInput {
        body: "The world economy, troubled by debt and unemployment, risks entering a second \
               downturn, the Finnish National Eisteddfod for the Study of the Juche Idea said \
               in a short report on Thursday after its members toured the capital.",
        ..DocInput::default()
    });
    assert!(plain.spun.rare_words < 0.04, "{:?}", plain.spun);
    assert!(
        plain
            .mentions
            .iter()
            .all(|m| m.kind != EntityType::Organization),
        "{:?}",
        plain.mentions
    );
}

/// In a spun copy the title before a foreign name is garbled, so no title
/// finds the name; the name is what the spinner left: capitalised words, no
/// ordinary English among them, the last no English word at all. A place
/// after "in" is no person, nor a place with a garbled word after it.
#[test]
fn a_spun_copy_finds_foreign_names_after_garbled_titles() {
    check(
        "The Supreme Folks's Meeting (SPA) met. The minister sent a speech to his Mexican analogon Patricia Espinosa Cantellano and visited a farm in Tanchon Archbishopric. A letter came from Dermot Hudson, supervisor of the British Branch. A delegation came from Kuala Lumpur, capital of Malaysia.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Organization "Supreme Folks's Meeting" = dprk-spa
            Person "Patricia Espinosa Cantellano" = person:patricia-espinosa-cantellano
            Person "Dermot Hudson" = person:dermot-hudson
            spun 0.50
        "#]],
    );
}

/// A story in another language has nearly every word outside the ordinary
/// English ones: it is no spun copy, and its capitalised words are no names.
#[test]
fn a_text_in_another_language_is_not_read_as_spun() {
    let x = extractor().extract(&DocInput {
        body: "El Comandante Supremo visitó la Escuela Central y habló con los estudiantes sobre \
               la historia de la nación, la ciencia y la cultura del país durante toda la mañana.",
        ..DocInput::default()
    });
    assert!(x.spun.rare_words > 0.3, "{:?}", x.spun);
    assert!(!x.spun.likely);
    assert!(
        x.mentions.iter().all(|m| m.kind != EntityType::Person),
        "{:?}",
        x.mentions
    );
}

/// In a spun copy an acronym in parentheses names the run before it when
/// all its letters but one begin the run's words: the spinner swapped one.
#[test]
fn a_spun_copy_defines_an_acronym_with_one_word_swapped() {
    check(
        "The Supreme Folks's Meeting (SPA) met. The Korean People's Revolutionary Trip (KPRA) fought on. KPRA units won.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Organization "Supreme Folks's Meeting" = dprk-spa
            Organization "Korean People's Revolutionary Trip" = org:korean-people-s-revolutionary-trip
            Organization "KPRA" = org:korean-people-s-revolutionary-trip
            Organization "KPRA" = org:korean-people-s-revolutionary-trip
            spun 0.50
        "#]],
    );
}

/// In a spun copy what a post is of is a body whatever its head word
/// became; so is an item of a list after a body or after "companies such
/// as", and a known body's acronym with the words the spinner left after
/// it. A body's purpose takes in the known person it honours.
#[test]
fn a_spun_copy_names_the_body_of_a_post_an_item_of_a_list_and_an_acronyms_body() {
    check(
        "The Supreme Folks's Meeting (SPA) met. Kim Jong Un, first chairman of the DPRK National Defence Deputize, inspected KPA Mole 318 stationed in the east. Wreaths came from the Socialist Populate Party of Mexico, Socialist Conclave of Mexico, and the Myanmar Confab for the Promotion of International Matter. Baskets came from the Mexican Friend Aggregation for Memory of Provost Kim Il Sung and from directors of companies such as Johnson Nicholson Conglomerate, Dickson Wong SDN.BHD.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Person "Kim Jong Un" = kim-jong-un
            Organization "DPRK National Defence Deputize" = dprk-ndc
            Organization "Supreme Folks's Meeting" = dprk-spa
            Organization "Socialist Populate Party of Mexico" = org:socialist-populate-party-of-mexico
            Organization "Dickson Wong SDN.BHD." = org:dickson-wong-sdn-bhd
            Organization "Socialist Conclave of Mexico" = org:socialist-conclave-of-mexico
            Organization "Myanmar Confab for the Promotion of International Matter" = org:myanmar-confab-for-promotion-of-international-matter
            Organization "Mexican Friend Aggregation for Memory of Provost Kim Il Sung" = org:mexican-friend-aggregation-for-memory-of-provost-kim-il-sung
            Organization "Johnson Nicholson Conglomerate" = org:johnson-nicholson-conglomerate
            Organization "KPA Mole 318" = org:kpa-mole-318
            Person "Kim Il Sung" = kim-il-sung
            Organization "KPA" = kpa
            title Kim Jong Un = first chairman of the National Defence Commission of the Democratic People's Republic of Korea [dprk]
            spun 0.50
        "#]],
    );
}

/// In a spun copy "and", or a list ending in "and", goes on with what a
/// body is of, unless a head word, a person or an article follows; a body
/// cut at a possessive or a spinner's capitalised small word goes on after
/// it (over a post's word: "Chamber Of Deputies"); a country's initials may
/// begin one, unless a place's word goes on after it; and a purpose takes
/// in the known person it honours after a garbled title.
#[test]
fn a_spun_copy_reads_and_and_possessives_inside_a_body() {
    check(
        "The Supreme Folks's Meeting (SPA) met. Wreaths came from the Worldwide Administration of Forceps and Nonbook of China, the Strain's Put-Off of Workers, Peasants and Students of Peru, the Finnish Eisteddfod for the Study of the Juche Idea and Korean Friendship Association, and the Sports Clan of the Youth Mob and Ri Tong Ho. They visited the Ministry of the Strain's Armed Forces and the Ruling Soldiery Chamber Of Deputies of the WPK. Drills by the U.S. Feather Force went on near the Futenma U.S. Air base. Baskets came from the Mexico-Korea Love Association, Malaysian Preparatory Committee for Commemorating the Centenary of Blessed Event of Master Kim Il Sung, Whelp Workshop of the Malaysian Chinese Association and Myanmar Foreign Ministry.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Organization "Korean Friendship Association" = kfa
            Organization "Myanmar Foreign Ministry" = org:ministry-of-foreign-affairs-of-burma
            Organization "Supreme Folks's Meeting" = dprk-spa
            Organization "Mexico-Korea Love Association" = org:mexico-korea-love-association
            Organization "Malaysian Preparatory Committee for Commemorating the Centenary of Blessed Event of Master Kim Il Sung" = org:malaysian-preparatory-committee-for-commemorating-centenary-of-blessed-event-of-master-kim-il-sung
            Person "Ri Tong Ho" = person:ri-tong-ho
            Organization "Worldwide Administration of Forceps and Nonbook of China" = org:worldwide-administration-of-forceps-and-nonbook-of-china
            Organization "Strain's Put-Off of Workers, Peasants and Students of Peru" = org:strain-s-put-off-of-workers-peasants-and-students-of-peru
            Organization "Finnish Eisteddfod for the Study of the Juche Idea" = org:finnish-eisteddfod-for-study-of-juche-idea
            Organization "Sports Clan of the Youth Mob" = org:sports-clan-of-youth-mob
            Organization "Ministry of the Strain's Armed Forces" = org:ministry-of-strain-s-armed-forces
            Organization "Ruling Soldiery Chamber Of Deputies of the WPK" = org:ruling-soldiery-chamber-of-deputies-of-wpk
            Organization "U.S. Feather Force" = org:u-s-feather-force
            Organization "Whelp Workshop of the Malaysian Chinese Association" = org:whelp-workshop-of-malaysian-chinese-association
            Person "Kim Il Sung" = kim-il-sung
            Organization "WPK" = wpk
            spun 0.67
        "#]],
    );
}

/// In a spun copy a central committee is read before a body found by its
/// structure alone; "and the" goes on with a purpose before a watched
/// phrase; an item of a list takes in a purpose that honours a known person
/// after a title, and free words before a body's name found inside it; a
/// purpose may follow "in" and a country.
#[test]
fn a_spun_copy_reads_central_committees_watched_subjects_and_list_items() {
    check(
        "The Supreme Folks's Meeting (SPA) met. The chairman of the C.C., the Workers' Debauch of Bangladesh spoke. The Nepal Journalist Association for the Study of the Juche Lineup and the Songun Politics conferred a prize on him, and the Soekarno Foundation for Education of Indonesia and the People for Achieving Peace a title. Baskets came from the Mexican Committee for Supporting Korea's Reunification, Mexican Ally Positive Transference for Memory of Secretary Kim Il Sung, Malaysian Before Committee for Commemorating the Centenary of Birth of President Kim Il Sung, and Whelp Workshop of the Malaysian Chinese Association. Others came from the Positive Transference of Koreans in Japan for Peaceful Reunification.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Organization "Supreme Folks's Meeting" = dprk-spa
            Organization "Nepal Journalist Association for the Study of the Juche Lineup and the Songun Politics" = org:nepal-journalist-association-for-study-of-juche-lineup-and-songun-politics
            Organization "Soekarno Foundation for Education of Indonesia" = org:soekarno-foundation-for-education-of-indonesia
            Organization "Mexican Committee for Supporting Korea's Reunification" = org:mexican-committee-for-supporting-korea-s-reunification
            Organization "C.C., the Workers' Debauch of Bangladesh" = org:central-committee-of-workers-debauch-of-bangladesh
            Organization "People for Achieving Peace" = org:people-for-achieving-peace
            Organization "Mexican Ally Positive Transference for Memory of Secretary Kim Il Sung" = org:mexican-ally-positive-transference-for-memory-of-secretary-kim-il-sung
            Organization "Malaysian Before Committee for Commemorating the Centenary of Birth of President Kim Il Sung" = org:malaysian-before-committee-for-commemorating-centenary-of-birth-of-president-kim-il-sung
            Organization "Whelp Workshop of the Malaysian Chinese Association" = org:whelp-workshop-of-malaysian-chinese-association
            Organization "Positive Transference of Koreans in Japan for Peaceful Reunification" = org:positive-transference-of-koreans-in-japan-for-peaceful-reunification
            Person "Kim Il Sung" = kim-il-sung
            Person "Kim Il Sung" = kim-il-sung
            spun 0.50
        "#]],
    );
}

/// In a spun copy a known name and one English word after it are the one
/// known body whose name is those words and one more; not where the name
/// goes on, nor after an acronym.
#[test]
fn a_spun_copy_reads_a_known_name_with_its_last_word_swapped() {
    check(
        "The Supreme Folks's Meeting (SPA) met. The sad news that Chairman of the National Defence Rake-Off Kim Jong Il passed away came, according to Jiji Mob. Kim Jong Il, chairman of the National Defence Bite of the DPRK, inspected KPA Mole 318.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Organization "National Defence Rake-Off" = dprk-ndc
            Person "Kim Jong Il" = kim-jong-il
            Organization "Jiji Mob" = japan-jiji
            Person "Kim Jong Il" = kim-jong-il
            Organization "Supreme Folks's Meeting" = dprk-spa
            Organization "National Defence Bite of the DPRK" = dprk-ndc
            Organization "KPA Mole 318" = org:kpa-mole-318
            Organization "KPA" = kpa
            title Kim Jong Il = chairman of the National Defence Commission of the Democratic People's Republic of Korea [dprk]
            title Kim Jong Il = chairman of the National Defence Commission of the Democratic People's Republic of Korea [dprk]
            spun 0.50
        "#]],
    );
}

/// In a spun copy a post out of the vocabulary after a qualifier and a
/// country's adjective makes an apposition (not a place's word), and a
/// rank's word before a head word is a word of a body's name.
#[test]
fn a_spun_copy_reads_a_garbled_post_in_apposition_and_a_ranks_word_in_a_name() {
    check(
        "The Supreme Folks's Meeting (SPA) met. Kim Yong Nam, premier of the Presidium of the DPRK Main People's General Assembly, had a talk with Martin Sajdik, communicative Austrian vice-legate to the DPRK. They went to Hanoi, ancient Vietnamese capital, on Monday.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Person "Kim Yong Nam" = kim-yong-nam
            Organization "Supreme Folks's Meeting" = dprk-spa
            Person "Martin Sajdik" = person:martin-sajdik
            Organization "Presidium of the DPRK Main People's General Assembly" = org:presidium-of-dprk-main-people-s-general-assembly
            title Kim Yong Nam = premier of the Presidium of the DPRK Main People's General Assembly [dprk]
            spun 0.50
        "#]],
    );
}

/// In a spun copy the word after a post's first words may be the spinner's
/// for the rest of the post ("Secretary" of secretary general), but not
/// after a whole post; and a Korean name takes in the word after it that
/// stands for a swapped syllable, before a title in apposition.
#[test]
fn a_spun_copy_reads_names_after_a_garbled_post_and_a_swapped_syllable() {
    check(
        "The Supreme Folks's Meeting (SPA) met. The Arab League (AL)'s Secretary Chance Nabil el-Arabi condemned it, according to Secretary General Maria Emma Mejia of the Union. Present were Kim Yong Nam and Choe Yong Labium, chairperson of a party.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Organization "Arab League" = arab-league
            Organization "AL" = arab-league
            Person "Kim Yong Nam" = kim-yong-nam
            Organization "Supreme Folks's Meeting" = dprk-spa
            Person "Nabil el-Arabi" = person:nabil-el-arabi
            Person "Maria Emma Mejia" = person:maria-emma-mejia
            Person "Choe Yong Labium" = choe-yong-rim
            title Maria Emma Mejia = secretary-general [other]
            title Choe Yong Rim = chairman [dprk]
            spun 0.50
        "#]],
    );
}

/// In a spun copy a purpose may hold an article after "for" and a
/// capitalised word (and no body begins there; elsewhere one may), and
/// honour a person after a title of two words or a spinner's phrase for
/// one; a country after a head word and "and" begins another body; and a
/// spinner's phrase may stand for a possessive word ("Live At's" for
/// "People's").
#[test]
fn a_spun_copy_reads_purposes_that_honour_and_a_body_after_a_head_word() {
    check(
        "The Supreme Folks's Meeting (SPA) met. Baskets came from the Mexico-Korea League Association, Mexican Crony Syneresis for Ritual Observance of Prime Minister Kim Il Sung, Malaysian Preparatory Concourse for Commemorating the Centenary of Seed of Dean Of Men Kim Il Sung, Youth Organization of the Malaysian Chinese Association and Myanmar Discrete Employment. Others came from the Malaysian Opening Committee for Commemorating the Centenary of Birth of Head Of State Kim Il Sung. The decree was adopted by the Presidium of the Supreme Live At's Assembly of the DPRK. On Monday the Korean Swindle Rabble of the Juche Idea met.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Organization "Supreme Folks's Meeting" = dprk-spa
            Organization "Mexico-Korea League Association" = org:mexico-korea-league-association
            Organization "Youth Organization of the Malaysian Chinese Association" = org:youth-organization-of-malaysian-chinese-association
            Organization "Malaysian Opening Committee for Commemorating the Centenary of Birth of Head Of State Kim Il Sung" = org:malaysian-opening-committee-for-commemorating-centenary-of-birth-of-head-of-state-kim-il-sung
            Organization "Mexican Crony Syneresis for Ritual Observance of Prime Minister Kim Il Sung" = org:mexican-crony-syneresis-for-ritual-observance-of-prime-minister-kim-il-sung
            Organization "Malaysian Preparatory Concourse for Commemorating the Centenary of Seed of Dean Of Men Kim Il Sung" = org:malaysian-preparatory-concourse-for-commemorating-centenary-of-seed-of-dean-of-men-kim-il-sung
            Organization "Myanmar Discrete Employment" = org:myanmar-discrete-employment
            Organization "Presidium of the Supreme Live At's Assembly of the DPRK" = org:presidium-of-supreme-live-at-s-assembly-of-dprk
            Organization "Korean Swindle Rabble of the Juche Idea" = org:korean-swindle-rabble-of-juche-idea
            Person "Kim Il Sung" = kim-il-sung
            Person "Kim Il Sung" = kim-il-sung
            Person "Kim Il Sung" = kim-il-sung
            spun 0.50
        "#]],
    );
}

/// A country's adjective and a lower-case head word before "of" and a body
/// name that body's branch in that country, each country's its own; a name
/// does not end on a country's adjective after "and" ("... Juche Idea and
/// the British").
#[test]
fn a_countrys_branch_of_a_body_and_no_name_ends_on_the_next_ones_country() {
    check(
        "The British Group for the Study of the Juche Idea and the British branch of the Korean Friendship Association made public a joint statement. The German branch of the KFA met, as did the Peruvian Committee for Supporting the Peaceful Reunification of Korea and the Peruvian press.",
        expect![[r#"
            Organization "British branch of the Korean Friendship Association" = org:british-branch-of-korean-friendship-association
            Organization "German branch of the KFA" = org:german-branch-of-kfa
            Organization "British Group for the Study of the Juche Idea" = org:british-group-for-study-of-juche-idea
            Organization "Peruvian Committee for Supporting the Peaceful Reunification of Korea" = org:peruvian-committee-for-supporting-peaceful-reunification-of-korea
            Organization "Korean Friendship Association" = kfa
            Organization "KFA" = kfa
        "#]],
    );
}

/// A post's first word, and the word a spinner put for the rest of the post,
/// are no part of a name after a person cue.
#[test]
fn a_garbled_post_after_a_cue_is_no_part_of_the_name() {
    check(
        "A delegation of Vietnam headed by Vice Syndic Ho Xuan Sonny arrived. Another, headed by Vice See To Ho Xuan Son, left. A third was headed by Vice Ho Xuan Son.",
        expect![[r#"
            Person "Ho Xuan Sonny" = person:ho-xuan-sonny
            Person "Ho Xuan Son" = person:ho-xuan-son
            Person "Ho Xuan Son" = person:ho-xuan-son
        "#]],
    );
}

/// A syllable of a Korean name that is an English word may be swapped in a
/// spun copy: the name takes in the spinner's word before or after it (or
/// the two words of a phrase for the last), and is the known person whose
/// name differs in that word alone.
#[test]
fn a_spun_copy_keeps_a_korean_name_with_one_syllable_swapped() {
    check(
        "The Supreme Folks's Meeting (SPA) met. The rat-faced Sideward Myung Bak was denounced. Choe Yong Enframe sent a message, and Jang Folk Song Thaek attended. Present were Kim Yong Nam, Choe Yong Pneumatic Tire, and Kim Ki Nam.",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Person "Kim Yong Nam" = kim-yong-nam
            Person "Kim Ki Nam" = kim-ki-nam
            Organization "Supreme Folks's Meeting" = dprk-spa
            Person "Choe Yong Pneumatic Tire" = choe-yong-rim
            Person "Sideward Myung Bak" = lee-myung-bak
            Person "Jang Folk Song Thaek" = jang-song-thaek
            Person "Choe Yong Enframe" = choe-yong-rim
            spun 0.67
        "#]],
    );
}

/// Capitalised English words of no known name count toward the share of
/// rare words when there are two or more: a spinner's garbled names. One is
/// a name's own word ("Eisteddfod").
#[test]
fn capitalised_rare_words_count_toward_the_rare_share() {
    let garbled = "The delegation of the Labiodental Rigidity Gathering of the Korean Youth \
                   League and the Pharyngeal Standing Shindig of the Union of Korean Writers \
                   was met by the officials and the people of the city at the station.";
    let x = extractor().extract(&DocInput {
        body: garbled,
        ..DocInput::default()
    });
    assert!(x.spun.rare_words > 0.04, "{:?}", x.spun);
    assert!(!x.spun.likely);
    let plain = "The delegation of the Finnish National Eisteddfod for the Study of the Juche \
                 Idea was met by the officials and the people of the city at the station.";
    let y = extractor().extract(&DocInput {
        body: plain,
        ..DocInput::default()
    });
    assert!(y.spun.rare_words < 0.04, "{:?}", y.spun);
}

/// A body's name ends on no possessive, but a generic body's one word after
/// the possessive belongs to it.
#[test]
fn a_name_ends_on_no_possessive() {
    check(
        "He met the director of the Foreign Affairs Office of the Jilin Provincial People's Government and a delegate of the Socialist Party of Benin's youth wing.",
        expect![[r#"
            Organization "Office of the Jilin Provincial People's Government" = org:office-of-jilin-provincial-people-s-government
            Organization "Socialist Party of Benin" = org:socialist-party-of-benin
        "#]],
    );
}

/// A name or an acronym at the very end of a spun copy is read like any
/// other: nothing is looked for past the last word.
#[test]
fn a_spun_copy_may_end_on_a_name_or_an_acronym() {
    check(
        "The Supreme Folks's Meeting (SPA) met. A message was sent to Choe Yong",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Organization "Supreme Folks's Meeting" = dprk-spa
            Person "Choe Yong" = person:choe-yong
            spun 0.50
        "#]],
    );
    check(
        "The Supreme Folks's Meeting (SPA) met. The leader inspected KPA Mole",
        expect![[r#"
            Organization "SPA" = dprk-spa
            Organization "Supreme Folks's Meeting" = dprk-spa
            Organization "KPA Mole" = org:kpa-mole
            Organization "KPA" = kpa
            spun 0.50
        "#]],
    );
}

/// In a text with many rare words (no garbled name marks it spun) a known
/// person's title is read through the posts the person held, as in a spun
/// copy.
#[test]
fn many_rare_words_read_titles_through_held_posts() {
    let body = "The orbicular scrimping, troubled by synecdoche and gubernatorial hullabaloo, \
                was discussed when Kim Yong Nam, president of the Presidium of the Excellent \
                Relatives's Assembly, met the delegation in a staccato communique on Thursday.";
    let x = extractor().extract(&DocInput {
        body,
        ..DocInput::default()
    });
    assert!(!x.spun.likely, "{:?}", x.spun);
    assert!(x.spun.rare_words > 0.04, "{:?}", x.spun);
    let posts: Vec<(&str, &str)> = x
        .titles
        .iter()
        .map(|t| (t.person.as_str(), t.post.as_str()))
        .collect();
    assert_eq!(
        posts,
        [(
            "Kim Yong Nam",
            "president of the Presidium of the Supreme People's Assembly"
        )]
    );
}
