/** React wrapper of <rt-animated-number>: props land as element properties. */
import { createComponent } from '@lit/react';
import * as React from 'react';
import { RtAnimatedNumber as RtAnimatedNumberElement } from '../elements/animated-number/animated-number.ts';

export const RtAnimatedNumber = createComponent({
  tagName: 'rt-animated-number',
  elementClass: RtAnimatedNumberElement,
  react: React,
});
