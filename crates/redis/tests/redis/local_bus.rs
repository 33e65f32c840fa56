//! The in-process bus.

use crate::support::{event, next, nothing_more};
use basma_domain::ports::EventBus;
use basma_redis::{EventHub, LocalBus};
use std::sync::Arc;

#[tokio::test]
async fn local_bus_delivers_each_event_once_to_every_subscriber() {
    let hub = Arc::new(EventHub::new(16));
    let bus = LocalBus::new(hub.clone());
    let mut receivers: Vec<_> = (0..3).map(|_| hub.subscribe()).collect();
    assert_eq!(hub.receivers(), 3);

    bus.publish(event(1)).await.unwrap();
    bus.publish(event(2)).await.unwrap();

    for rx in &mut receivers {
        assert_eq!(next(rx).await.event.seq, 1);
        assert_eq!(next(rx).await.event.seq, 2);
        nothing_more(rx).await;
    }
}

#[tokio::test]
async fn local_bus_publishes_without_error_when_nobody_listens() {
    let hub = Arc::new(EventHub::new(16));
    let bus = LocalBus::new(hub.clone());
    assert_eq!(hub.receivers(), 0);
    bus.publish(event(1)).await.unwrap();
}

#[tokio::test]
async fn a_receiver_that_falls_behind_the_capacity_is_told_it_lagged() {
    let hub = Arc::new(EventHub::new(2));
    let bus = LocalBus::new(hub.clone());
    let mut rx = hub.subscribe();
    for seq in 1..=4 {
        bus.publish(event(seq)).await.unwrap();
    }
    assert!(matches!(
        rx.recv().await,
        Err(tokio::sync::broadcast::error::RecvError::Lagged(2))
    ));
    assert_eq!(next(&mut rx).await.event.seq, 3);
}

#[tokio::test]
async fn a_dropped_receiver_is_no_longer_counted() {
    let hub = EventHub::new(4);
    let rx = hub.subscribe();
    assert_eq!(hub.receivers(), 1);
    drop(rx);
    assert_eq!(hub.receivers(), 0);
}
