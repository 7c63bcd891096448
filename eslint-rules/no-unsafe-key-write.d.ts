// Types for the rule's plain-JavaScript module (eslint.config.js loads it without a build).
import type { ESLint, Rule } from 'eslint';

export const noUnsafeKeyWrite: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
