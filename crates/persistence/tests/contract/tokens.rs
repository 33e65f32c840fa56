//! `SqlTokenStore` against the `OneTimeTokenStore` contract: single use, expiry, races.

use crate::support::{new_user, now};
use basma_domain::model::{Role, TokenPurpose};
use basma_domain::ports::{OneTimeTokenStore, UserStore};
use basma_persistence::{SqlTokenStore, SqlUserRepository};
use chrono::Duration;

contract! {
    fn a_token_is_consumed_once_for_its_purpose(db) {
        let users = SqlUserRepository::new(db.store.connection().clone());
        let tokens = SqlTokenStore::new(db.store.connection().clone());
        let user = users.create(new_user("t@example.com", Role::Customer)).await.unwrap();
        let at = now();
        tokens.issue(user.id, TokenPurpose::VerifyEmail, "abc", at + Duration::hours(24), at).await.unwrap();
        assert_eq!(tokens.consume(TokenPurpose::ResetPassword, "abc", at).await.unwrap(), None);
        assert_eq!(tokens.consume(TokenPurpose::VerifyEmail, "abc", at).await.unwrap(), Some(user.id));
        assert_eq!(tokens.consume(TokenPurpose::VerifyEmail, "abc", at).await.unwrap(), None);
        assert_eq!(tokens.consume(TokenPurpose::VerifyEmail, "nope", at).await.unwrap(), None);
    }

    fn an_expired_token_is_refused(db) {
        let users = SqlUserRepository::new(db.store.connection().clone());
        let tokens = SqlTokenStore::new(db.store.connection().clone());
        let user = users.create(new_user("e@example.com", Role::Customer)).await.unwrap();
        let at = now();
        tokens.issue(user.id, TokenPurpose::ResetPassword, "r", at + Duration::hours(1), at).await.unwrap();
        let late = at + Duration::hours(1);
        assert_eq!(tokens.consume(TokenPurpose::ResetPassword, "r", late).await.unwrap(), None);
        let in_time = late - Duration::microseconds(1);
        assert_eq!(tokens.consume(TokenPurpose::ResetPassword, "r", in_time).await.unwrap(), Some(user.id));
    }

    fn two_concurrent_consumes_never_both_succeed(db) {
        let users = SqlUserRepository::new(db.store.connection().clone());
        let tokens = SqlTokenStore::new(db.store.connection().clone());
        let user = users.create(new_user("c@example.com", Role::Customer)).await.unwrap();
        let at = now();
        for round in 0..5 {
            let hash = format!("race-{round}");
            tokens.issue(user.id, TokenPurpose::VerifyEmail, &hash, at + Duration::hours(1), at).await.unwrap();
            let tasks: Vec<_> = (0..4)
                .map(|_| {
                    let tokens = tokens.clone();
                    let hash = hash.clone();
                    tokio::spawn(async move { tokens.consume(TokenPurpose::VerifyEmail, &hash, at).await })
                })
                .collect();
            let mut winners = 0;
            for task in tasks {
                if task.await.unwrap().unwrap().is_some() {
                    winners += 1;
                }
            }
            assert_eq!(winners, 1, "round {round}");
        }
    }

    fn a_live_token_is_found_without_being_spent_and_spend_all_kills_the_rest(db) {
        let users = SqlUserRepository::new(db.store.connection().clone());
        let tokens = SqlTokenStore::new(db.store.connection().clone());
        let user = users.create(new_user("s@example.com", Role::Customer)).await.unwrap();
        let other = users.create(new_user("o@example.com", Role::Customer)).await.unwrap();
        let at = now();
        let reset = TokenPurpose::ResetPassword;
        for hash in ["r1", "r2"] {
            tokens.issue(user.id, reset, hash, at + Duration::hours(1), at).await.unwrap();
        }
        tokens.issue(user.id, TokenPurpose::VerifyEmail, "v", at + Duration::hours(1), at).await.unwrap();
        tokens.issue(other.id, reset, "o", at + Duration::hours(1), at).await.unwrap();
        assert_eq!(tokens.find_live(reset, "r1", at).await.unwrap(), Some(user.id));
        assert_eq!(tokens.find_live(reset, "r1", at).await.unwrap(), Some(user.id), "still live");
        assert_eq!(tokens.find_live(TokenPurpose::VerifyEmail, "r1", at).await.unwrap(), None);
        assert_eq!(tokens.find_live(reset, "r1", at + Duration::hours(1)).await.unwrap(), None);
        assert_eq!(tokens.spend_all(user.id, reset, at).await.unwrap(), 2);
        assert_eq!(tokens.find_live(reset, "r2", at).await.unwrap(), None);
        assert_eq!(tokens.consume(reset, "r1", at).await.unwrap(), None);
        assert_eq!(tokens.consume(TokenPurpose::VerifyEmail, "v", at).await.unwrap(), Some(user.id));
        assert_eq!(tokens.consume(reset, "o", at).await.unwrap(), Some(other.id));
    }

    fn issued_tokens_are_counted_per_user_purpose_and_time(db) {
        let users = SqlUserRepository::new(db.store.connection().clone());
        let tokens = SqlTokenStore::new(db.store.connection().clone());
        let user = users.create(new_user("n@example.com", Role::Customer)).await.unwrap();
        let at = now();
        let reset = TokenPurpose::ResetPassword;
        tokens.issue(user.id, reset, "old", at + Duration::hours(1), at - Duration::hours(2)).await.unwrap();
        tokens.issue(user.id, reset, "a", at + Duration::hours(1), at).await.unwrap();
        tokens.issue(user.id, reset, "b", at + Duration::hours(1), at).await.unwrap();
        tokens.issue(user.id, TokenPurpose::VerifyEmail, "v", at + Duration::hours(1), at).await.unwrap();
        let since = at - Duration::hours(1);
        assert_eq!(tokens.count_issued_since(user.id, reset, since).await.unwrap(), 2);
        assert_eq!(tokens.count_issued_since(user.id, TokenPurpose::VerifyEmail, since).await.unwrap(), 1);
    }
}
