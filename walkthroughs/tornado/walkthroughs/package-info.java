/**
 * The walkthroughs: one or more runnable programs per chapter, and the tour that strings them
 * together. They are not a chapter (they may use every chapter); they are what a reader runs.
 */
package tornado.walkthroughs;
