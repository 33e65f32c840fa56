//! The Redis bus, with two buses on two hubs standing in for two app instances. Each test
//! uses its own channel, so tests can run in parallel against one Redis.

use crate::support::{event, next, nothing_more, redis_url, unique};
use basma_domain::ports::EventBus;
use basma_redis::{EventHub, RedisBus};
use redis::AsyncCommands;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Two "instances" on one channel: (bus, hub) each.
async fn two_instances(url: &str, channel: &str) -> [(RedisBus, Arc<EventHub>); 2] {
    let instance = async || {
        let hub = Arc::new(EventHub::new(64));
        let bus = RedisBus::connect_with_channel(url, channel, hub.clone())
            .await
            .unwrap();
        (bus, hub)
    };
    [instance().await, instance().await]
}

async fn admin(url: &str) -> redis::aio::MultiplexedConnection {
    let client = redis::Client::open(url).unwrap();
    client.get_multiplexed_async_connection().await.unwrap()
}

/// Waits until `channel` has exactly `count` subscribers.
async fn wait_for_subscribers(
    admin: &mut redis::aio::MultiplexedConnection,
    channel: &str,
    count: usize,
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, n): (String, usize) = redis::cmd("PUBSUB")
            .arg("NUMSUB")
            .arg(channel)
            .query_async::<Vec<(String, usize)>>(admin)
            .await
            .unwrap()
            .remove(0);
        if n == count {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{channel} has {n} subscribers, not {count}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn an_event_published_on_one_instance_reaches_every_instance_exactly_once() {
    let url = redis_url();
    let channel = unique("basma-test:events");
    let [(a, hub_a), (b, hub_b)] = two_instances(&url, &channel).await;
    let (mut rx_a, mut rx_b) = (hub_a.subscribe(), hub_b.subscribe());

    let first = event(1);
    a.publish(first.clone()).await.unwrap();
    b.publish(event(2)).await.unwrap();

    for rx in [&mut rx_a, &mut rx_b] {
        assert_eq!(
            next(rx).await,
            first,
            "the event survives the JSON round trip"
        );
        assert_eq!(next(rx).await.event.seq, 2);
        nothing_more(rx).await;
    }
}

/// An ACL user of its own lets a test kill its own connections and nobody else's; returns
/// the user's name and a URL that logs in as it.
async fn own_user(url: &str, admin: &mut redis::aio::MultiplexedConnection) -> (String, String) {
    let user = format!("basma-test-{}", uuid::Uuid::now_v7().simple());
    let password = uuid::Uuid::new_v4().simple().to_string();
    let rules = [&*user, "on", &format!(">{password}"), "~*", "&*", "+@all"];
    let _: () = redis::cmd("ACL")
        .arg("SETUSER")
        .arg(&rules)
        .query_async(admin)
        .await
        .unwrap();
    let mut user_url = url::Url::parse(url).unwrap();
    user_url.set_username(&user).unwrap();
    user_url.set_password(Some(&password)).unwrap();
    (user, user_url.into())
}

/// Kills the user's connections of one type (`pubsub` or `normal`); returns how many.
async fn kill(admin: &mut redis::aio::MultiplexedConnection, user: &str, kind: &str) -> usize {
    redis::cmd("CLIENT")
        .arg(&["KILL", "USER", user, "TYPE", kind])
        .query_async(admin)
        .await
        .unwrap()
}

async fn drop_user(admin: &mut redis::aio::MultiplexedConnection, user: &str) {
    let _: usize = redis::cmd("ACL")
        .arg(&["DELUSER", user])
        .query_async(admin)
        .await
        .unwrap();
}

#[tokio::test]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn the_subscription_comes_back_after_redis_kills_it_and_later_events_arrive() {
    let url = redis_url();
    let mut admin = admin(&url).await;
    let (user, user_url) = own_user(&url, &mut admin).await;
    let channel = unique("basma-test:events");
    let [(a, hub_a), (_b, hub_b)] = two_instances(&user_url, &channel).await;
    let (mut rx_a, mut rx_b) = (hub_a.subscribe(), hub_b.subscribe());
    a.publish(event(1)).await.unwrap();
    assert_eq!(next(&mut rx_a).await.event.seq, 1);
    assert_eq!(next(&mut rx_b).await.event.seq, 1);

    assert_eq!(
        kill(&mut admin, &user, "pubsub").await,
        2,
        "both subscriptions killed"
    );
    wait_for_subscribers(&mut admin, &channel, 2).await;

    a.publish(event(2)).await.unwrap();
    for rx in [&mut rx_a, &mut rx_b] {
        assert_eq!(next(rx).await.event.seq, 2);
        nothing_more(rx).await;
    }
    drop_user(&mut admin, &user).await;
}

#[tokio::test]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn the_first_publish_after_redis_kills_the_command_connections_still_arrives() {
    let url = redis_url();
    let mut admin = admin(&url).await;
    let (user, user_url) = own_user(&url, &mut admin).await;
    let channel = unique("basma-test:events");
    let [(a, hub_a), (b, hub_b)] = two_instances(&user_url, &channel).await;
    let (mut rx_a, mut rx_b) = (hub_a.subscribe(), hub_b.subscribe());

    assert_eq!(
        kill(&mut admin, &user, "normal").await,
        2,
        "both command connections killed"
    );
    // Let the clients notice, as after a Redis restart between two requests.
    tokio::time::sleep(Duration::from_millis(100)).await;

    a.publish(event(1)).await.unwrap();
    b.publish(event(2)).await.unwrap();
    for rx in [&mut rx_a, &mut rx_b] {
        assert_eq!(next(rx).await.event.seq, 1);
        assert_eq!(next(rx).await.event.seq, 2);
        nothing_more(rx).await;
    }
    drop_user(&mut admin, &user).await;
}

#[tokio::test]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn a_message_that_is_not_an_event_is_skipped_and_later_events_still_arrive() {
    let url = redis_url();
    let channel = unique("basma-test:events");
    let hub = Arc::new(EventHub::new(8));
    let bus = RedisBus::connect_with_channel(&url, &channel, hub.clone())
        .await
        .unwrap();
    let mut rx = hub.subscribe();

    let mut admin = admin(&url).await;
    let _: usize = admin.publish(&channel, "{not an event").await.unwrap();
    bus.publish(event(7)).await.unwrap();

    assert_eq!(next(&mut rx).await.event.seq, 7);
    nothing_more(&mut rx).await;
}

#[tokio::test]
async fn connecting_to_a_redis_that_is_not_there_fails_instead_of_hanging() {
    let started = Instant::now();
    let hub = Arc::new(EventHub::new(8));
    let result = RedisBus::connect("redis://127.0.0.1:1", hub).await;
    assert!(result.is_err());
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn dropping_the_bus_ends_its_subscription() {
    let url = redis_url();
    let channel = unique("basma-test:events");
    let bus = RedisBus::connect_with_channel(&url, &channel, Arc::new(EventHub::new(8)))
        .await
        .unwrap();
    let mut admin = admin(&url).await;
    wait_for_subscribers(&mut admin, &channel, 1).await;
    drop(bus);
    wait_for_subscribers(&mut admin, &channel, 0).await;
}
