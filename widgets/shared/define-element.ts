/**
 * Registers a custom element once. A second copy of the script on the same page (or a second
 * bundle) finds the tag taken and leaves the first definition in place; without a DOM (server
 * rendering imports the module) it does nothing.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) customElements.define(tag, element);
}
