import Console
import Testing

@Suite struct CompletionTests {
    let completer = Completer { ["kb", "o1", "order2"] }

    @Test func completesCommandWords() {
        #expect(completer.candidates(before: "", word: "pro") == ["product"])
        #expect(completer.candidates(before: "", word: "p") == ["pay", "payment", "point", "policy", "product"])
        #expect(completer.candidates(before: "product ", word: "") == ["add", "list", "restock", "show"])
        #expect(completer.candidates(before: "! order ", word: "pl") == ["place"])
        #expect(completer.candidates(before: "clock ", word: "a") == ["advance"])
    }

    @Test func completesKeysNotYetGiven() {
        #expect(completer.candidates(before: "order place ", word: "") == ["user=", "items=", "coupon="])
        #expect(completer.candidates(before: "order place user=1 ", word: "") == ["items=", "coupon="])
        #expect(completer.candidates(before: "pay ", word: "o") == ["order="])
        #expect(completer.candidates(before: "order place user=1 items=1:1 ", word: "a") == ["as"])
    }

    @Test func completesBindingsAndEntities() {
        #expect(completer.candidates(before: "order show ", word: "$o") == ["$o1", "$order2"])
        #expect(completer.candidates(before: "pay ", word: "order=$k") == ["order=$kb"])
        #expect(completer.candidates(before: "expect ", word: "po") == ["point", "policy"])
        #expect(completer.candidates(before: "expect order 1 ", word: "pay") == ["payAmount="])
    }

    @Test func findsTheCommonPrefix() {
        #expect(Completer.commonPrefix(["payment", "pay"]) == "pay")
        #expect(Completer.commonPrefix(["order="]) == "order=")
        #expect(Completer.commonPrefix([]) == "")
    }
}

@Suite struct HistoryFileTests {
    @Test func theHistoryFollowsHomeUnlessNamed() {
        #expect(HistoryFile.path(environment: ["HOME": "/tmp/someone"]) == "/tmp/someone/.commerce_history")
        #expect(HistoryFile.path(environment: ["HOME": "/tmp/someone/"]) == "/tmp/someone/.commerce_history")
        #expect(HistoryFile.path(environment: ["HOME": "/tmp/someone", "COMMERCE_HISTORY": "/var/h"]) == "/var/h")
        #expect(HistoryFile.path(environment: [:]).hasSuffix("/.commerce_history"))
    }
}
