//! Machine suggestions of lineage: items of later documents whose titles share rare
//! character bigrams with an earlier item of the same district. Chinese has no spaces, so
//! bigrams stand in for words; each is weighted by how rare it is among all titles (IDF),
//! so that common words such as 推进 or 改革 count for little.

use crate::model::{Item, LineageLink, LineageSuggestion};
use crate::Date;
use std::collections::{BTreeMap, BTreeSet};

/// Two adjacent characters: the unit of comparison.
pub type Bigram = (char, char);
/// Weights of bigrams by rarity.
pub type Weights = BTreeMap<Bigram, f64>;

/// Suggestions at or above this weighted similarity (thousandths) are kept.
pub const THRESHOLD: u16 = 150;

/// The character bigrams of `text`, punctuation and spaces dropped.
pub fn bigrams(text: &str) -> BTreeSet<Bigram> {
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    chars.windows(2).map(|pair| (pair[0], pair[1])).collect()
}

/// Bigram weights: ln(number of titles / titles containing the bigram).
pub fn idf(titles: &[BTreeSet<Bigram>]) -> Weights {
    let mut counts: BTreeMap<Bigram, usize> = BTreeMap::new();
    for title in titles {
        for bigram in title {
            *counts.entry(*bigram).or_default() += 1;
        }
    }
    let total = titles.len() as f64;
    counts
        .into_iter()
        .map(|(bigram, count)| (bigram, (total / count as f64).ln()))
        .collect()
}

/// Weighted Jaccard similarity of two bigram sets, in thousandths.
pub fn similarity(a: &BTreeSet<Bigram>, b: &BTreeSet<Bigram>, weights: &Weights) -> u16 {
    let weight = |bigram: &Bigram| weights.get(bigram).copied().unwrap_or(0.0);
    let union: f64 = a.union(b).map(weight).sum();
    if union <= 0.0 {
        return 0;
    }
    let shared: f64 = a.intersection(b).map(weight).sum();
    (shared / union * 1000.0).round().clamp(0.0, 1000.0) as u16
}

/// Suggests links from each item to items of later-dated documents of the same district
/// (`place` gives a document's district and date), skipping curated links.
pub fn suggest(
    items: &[Item],
    curated: &[LineageLink],
    place: impl Fn(&str) -> Option<(String, Date)>,
) -> Vec<LineageSuggestion> {
    let titles: Vec<BTreeSet<Bigram>> = items.iter().map(|item| bigrams(&item.title)).collect();
    let weights = idf(&titles);
    let places: Vec<Option<(String, Date)>> =
        items.iter().map(|item| place(&item.document)).collect();
    let mut suggestions = Vec::new();
    for (earlier_index, (earlier, earlier_place)) in items.iter().zip(&places).enumerate() {
        let Some((district, date)) = earlier_place else {
            continue;
        };
        for (later_index, later) in items.iter().enumerate() {
            let Some((later_district, later_date)) = &places[later_index] else {
                continue;
            };
            if later_district != district || later_date <= date {
                continue;
            }
            let known = curated
                .iter()
                .any(|link| link.from == earlier.id && link.to == later.id);
            let score = similarity(&titles[earlier_index], &titles[later_index], &weights);
            if !known && score >= THRESHOLD {
                suggestions.push(LineageSuggestion {
                    from: earlier.id.clone(),
                    to: later.id.clone(),
                    similarity: score,
                });
            }
        }
    }
    suggestions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights_for(titles: &[&str]) -> (Vec<BTreeSet<Bigram>>, Weights) {
        let sets: Vec<_> = titles.iter().map(|title| bigrams(title)).collect();
        let weights = idf(&sets);
        (sets, weights)
    }

    #[test]
    fn rare_shared_words_score_high_and_common_ones_low() {
        let (sets, weights) = weights_for(&[
            "加快网上办事大厅建设",
            "加快建设网上办事大厅",
            "推进物业管理改革",
            "推进公立医院改革",
        ]);
        assert!(similarity(&sets[0], &sets[1], &weights) >= 400);
        assert!(
            similarity(&sets[2], &sets[3], &weights) < THRESHOLD,
            "only 推进 and 改革 are shared"
        );
        assert_eq!(similarity(&sets[0], &sets[2], &weights), 0);
        assert_eq!(similarity(&BTreeSet::new(), &BTreeSet::new(), &weights), 0);
    }

    #[test]
    fn ignores_punctuation() {
        assert_eq!(bigrams("“织网工程”"), bigrams("织网工程"));
    }
}
