/// SplitMix64 (Steele, Lea and Flood, 2014): 64-bit numbers from a 64-bit seed, the same ones for the same seed on
/// every run, at the cost of an add and two multiplies each. For what must come out the same each time (the demo's
/// data, a test's random cases) and for many numbers where a system call apiece is too dear (the random bits of
/// ids written in bulk); not for secrets.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
