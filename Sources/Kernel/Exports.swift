// Contexts write their stores against SQLKit through Kernel, so that a context's only import is Kernel.
@_exported import SQLKit
