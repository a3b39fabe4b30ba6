//! Where an item stands: the rule that turns evidence and deadlines into a status.

use crate::date::Date;
use crate::model::{ItemStatus, ProgressEvent, ProgressStatus};

/// The status of an item with these `events` and `deadline`, as of `as_of`:
/// delivered if any source reports it done; else overdue if its deadline is before
/// `as_of`; else in progress if any source reports it under way; else no evidence.
pub fn item_status<'a>(
    events: impl IntoIterator<Item = &'a ProgressEvent>,
    deadline: Option<Date>,
    as_of: Option<Date>,
) -> ItemStatus {
    let mut reported = None;
    for event in events {
        match event.status {
            ProgressStatus::Delivered => return ItemStatus::Delivered,
            ProgressStatus::InProgress => reported = Some(ItemStatus::InProgress),
        }
    }
    let overdue = matches!((deadline, as_of), (Some(deadline), Some(as_of)) if deadline < as_of);
    if overdue {
        ItemStatus::Overdue
    } else {
        reported.unwrap_or(ItemStatus::NoEvidence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(status: ProgressStatus) -> ProgressEvent {
        ProgressEvent {
            item: "d/1".into(),
            status,
            date: Date::new(2015, 1, 1).unwrap(),
            source: "s".into(),
            source_line: 1,
            quote: "q".into(),
            note_en: String::new(),
        }
    }

    #[test]
    fn codes_are_the_serde_names() {
        for status in ItemStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.code());
        }
    }

    #[test]
    fn applies_the_rule_in_order() {
        let as_of = Date::new(2018, 12, 28);
        let past = Date::new(2013, 3, 31);
        let future = Date::new(2019, 1, 1);
        let delivered = [
            event(ProgressStatus::InProgress),
            event(ProgressStatus::Delivered),
        ];
        let going = [event(ProgressStatus::InProgress)];
        assert_eq!(item_status(&delivered, past, as_of), ItemStatus::Delivered);
        assert_eq!(item_status(&going, past, as_of), ItemStatus::Overdue);
        assert_eq!(item_status(&going, future, as_of), ItemStatus::InProgress);
        assert_eq!(item_status(&going, None, as_of), ItemStatus::InProgress);
        assert_eq!(item_status(&[], past, as_of), ItemStatus::Overdue);
        assert_eq!(item_status(&[], None, as_of), ItemStatus::NoEvidence);
        assert_eq!(item_status(&[], past, None), ItemStatus::NoEvidence);
    }
}
