/// The commands' implementations, one family per file; each turns an ``Invocation`` into calls on the App's
/// services and returns the lines to print.
enum Handlers {}
