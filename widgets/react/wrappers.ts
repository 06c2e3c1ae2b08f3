/**
 * React components for every rtdash element (@lit/react createComponent): props land as
 * element properties, element events as onX props. The elements share the page's connection
 * manager with the hooks, so a <RtAnimatedNumber channel=…> and a useChannel() of the same
 * channel cost one wire subscription.
 *   onValue        rt-value         the element took a value from its channel
 *   onStaleChange  rt-stale-change  what it shows became stale, or fresh again
 *   onStateChange  rt-state-change  (RtConnectionStatus) the connection moved to a new state
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { RtAnimatedNumber as AnimatedNumberElement } from '../elements/animated-number/animated-number.ts';
import { RtConnectionStatus as ConnectionStatusElement } from '../elements/connection-status/connection-status.ts';
import { RtFlashingValue as FlashingValueElement } from '../elements/flashing-value/flashing-value.ts';
import { RtPriceChart as PriceChartElement } from '../elements/price-chart/price-chart.ts';
import { RtSparkline as SparklineElement } from '../elements/sparkline/sparkline.ts';
import { RtStatCard as StatCardElement } from '../elements/stat-card/stat-card.ts';
import {
  STALE_CHANGE_EVENT, STATE_CHANGE_EVENT, VALUE_EVENT,
  type StaleChangeEvent, type StateChangeElementEvent, type ValueEvent,
} from '../shared/element-events.ts';

const dataEvents = {
  onValue: VALUE_EVENT as EventName<ValueEvent>,
  onStaleChange: STALE_CHANGE_EVENT as EventName<StaleChangeEvent>,
};

export const RtAnimatedNumber = createComponent({
  tagName: 'rt-animated-number', elementClass: AnimatedNumberElement, react: React, events: dataEvents, displayName: 'RtAnimatedNumber',
});

export const RtFlashingValue = createComponent({
  tagName: 'rt-flashing-value', elementClass: FlashingValueElement, react: React, events: dataEvents, displayName: 'RtFlashingValue',
});

export const RtPriceChart = createComponent({
  tagName: 'rt-price-chart', elementClass: PriceChartElement, react: React, events: dataEvents, displayName: 'RtPriceChart',
});

export const RtSparkline = createComponent({
  tagName: 'rt-sparkline', elementClass: SparklineElement, react: React, events: dataEvents, displayName: 'RtSparkline',
});

export const RtStatCard = createComponent({
  tagName: 'rt-stat-card', elementClass: StatCardElement, react: React, events: dataEvents, displayName: 'RtStatCard',
});

export const RtConnectionStatus = createComponent({
  tagName: 'rt-connection-status',
  elementClass: ConnectionStatusElement,
  react: React,
  events: { onStateChange: STATE_CHANGE_EVENT as EventName<StateChangeElementEvent> },
  displayName: 'RtConnectionStatus',
});
