// tools/cli.h: Args parsing, PemOrDer / PemEncode, ReadInput / WriteOutput, Dispatch and the error-line helpers.
#include "tools/cli.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::cli {
namespace {

TEST(Args, FlagsSwitchesPositionals) {
  auto args = Args::Parse({"--in", "a.der", "--hash=sha384", "--pss", "file1", "--", "--not-a-flag", "--in", "b"},
                          {"in", "hash"}, {"pss", "json"});
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->Get("in"), "a.der");
  EXPECT_EQ(args->Get("hash"), "sha384");
  EXPECT_TRUE(args->Has("pss"));
  EXPECT_FALSE(args->Has("json"));
  EXPECT_FALSE(args->Get("json").has_value());
  EXPECT_EQ(args->positional(), (std::vector<std::string>{"file1", "--not-a-flag", "--in", "b"}));
}

TEST(Args, RepeatedFlags) {
  auto args = Args::Parse({"--roots", "r1", "--roots=r2", "--crl", "c"}, {"roots", "crl"}, {});
  ASSERT_TRUE(args.ok());
  EXPECT_EQ(args->GetAll("roots"), (std::vector<std::string>{"r1", "r2"}));
  EXPECT_EQ(args->Get("roots"), "r2");  // the last one wins for Get
  EXPECT_TRUE(args->GetAll("missing").empty());
  EXPECT_TRUE(args->Has("crl"));
}

TEST(Args, Errors) {
  EXPECT_EQ(GetErrorCode(Args::Parse({"--unknown"}, {}, {}).status()), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(Args::Parse({"--in"}, {"in"}, {}).ok());        // value missing
  EXPECT_FALSE(Args::Parse({"--pss=yes"}, {}, {"pss"}).ok());  // switch with a value
  auto dash = Args::Parse({"-", "--"}, {}, {});                // "-" is positional (stdin)
  ASSERT_TRUE(dash.ok());
  EXPECT_EQ(dash->positional(), std::vector<std::string>{"-"});
}

TEST(Pem, EncodeDecodeRoundTrip) {
  for (size_t n : {1u, 2u, 3u, 47u, 48u, 49u, 100u}) {
    Bytes der(n);
    for (size_t i = 0; i < n; ++i) der[i] = static_cast<uint8_t>(i * 37 + 1);
    const std::string pem = PemEncode(der, "CERTIFICATE");
    EXPECT_EQ(pem.rfind("-----BEGIN CERTIFICATE-----\n", 0), 0u);
    EXPECT_NE(pem.find("\n-----END CERTIFICATE-----\n"), std::string::npos);
    std::istringstream lines(pem);
    for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 64u);
    std::string label;
    auto back = PemOrDer(AsBytes(pem), &label);
    ASSERT_TRUE(back.ok()) << n;
    EXPECT_EQ(*back, der);
    EXPECT_EQ(label, "CERTIFICATE");
  }
}

TEST(Pem, KnownVector) {
  // RFC 4648 section 10: "foobar" -> "Zm9vYmFy".
  EXPECT_EQ(PemEncode(AsBytes("foobar"), "X"), "-----BEGIN X-----\nZm9vYmFy\n-----END X-----\n");
  EXPECT_EQ(PemEncode(AsBytes("fo"), "X"), "-----BEGIN X-----\nZm8=\n-----END X-----\n");
}

TEST(Pem, DerPassesThroughAndLeadingWhitespace) {
  const Bytes der = {0x30, 0x03, 0x02, 0x01, 0x01};
  std::string label = "stale";
  auto same = PemOrDer(der, &label);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, der);
  EXPECT_TRUE(label.empty());
  auto spaced = PemOrDer(AsBytes("\n  -----BEGIN A-----\nAQID\n-----END A-----\n"));
  ASSERT_TRUE(spaced.ok());
  EXPECT_EQ(*spaced, (Bytes{1, 2, 3}));
  // Text before the BEGIN line: taken as DER (unchanged).
  auto prefixed = PemOrDer(AsBytes("junk -----BEGIN A-----\nAQID\n-----END A-----\n"));
  ASSERT_TRUE(prefixed.ok());
  EXPECT_EQ(prefixed->size(), std::string("junk -----BEGIN A-----\nAQID\n-----END A-----\n").size());
}

TEST(Pem, Malformed) {
  EXPECT_EQ(GetErrorCode(PemOrDer(AsBytes("-----BEGIN A-----\nAQID\n")).status()), ErrorCode::kMalformedInput);
  EXPECT_FALSE(PemOrDer(AsBytes("-----BEGIN A")).ok());
  EXPECT_FALSE(PemOrDer(AsBytes("-----BEGIN A-----\nAQ*D\n-----END A-----\n")).ok());
  EXPECT_FALSE(PemOrDer(AsBytes("-----BEGIN A-----\n-----END A-----\n")).ok());
  EXPECT_FALSE(PemOrDer(AsBytes("-----BEGIN A-----\nAQ==AQ\n-----END A-----\n")).ok());  // data after padding
  EXPECT_FALSE(PemOrDer(AsBytes("-----BEGIN A-----\nAQID\n-----END B-----\n")).ok());
}

TEST(Io, ReadInputWriteOutput) {
  std::istringstream in("stdin bytes");
  std::ostringstream out, err;
  Io io{in, out, err};
  auto from_stdin = ReadInput("-", io);
  ASSERT_TRUE(from_stdin.ok());
  EXPECT_EQ(std::string(from_stdin->begin(), from_stdin->end()), "stdin bytes");
  const std::string path = ::testing::TempDir() + "/cli_io_test.bin";
  const Bytes data = {0, 1, 2, 255};
  ASSERT_TRUE(WriteOutput(path, data, io).ok());
  auto back = ReadInput(path, io);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, data);
  ASSERT_TRUE(WriteOutput("-", data, io).ok());
  EXPECT_EQ(out.str(), std::string("\0\1\2\xff", 4));
  EXPECT_EQ(GetErrorCode(ReadInput("/nonexistent/x", io).status()), ErrorCode::kNotFound);
  EXPECT_FALSE(WriteOutput("/nonexistent/dir/x", data, io).ok());
}

int g_last_run = 0;
std::vector<std::string> g_last_argv;

JPKI_REGISTER_COMMAND(Command{"testverb", "a verb for tests", "[ARGS]",
                              [](const std::vector<std::string>& argv, Io& io) {
                                g_last_run = 1;
                                g_last_argv = argv;
                                io.out << "ran\n";
                                return 0;
                              }});
JPKI_REGISTER_COMMAND(Command{"testverb sub", "a longer verb for tests", "",
                              [](const std::vector<std::string>& argv, Io& io) {
                                g_last_run = 2;
                                g_last_argv = argv;
                                return 1;
                              }});

struct Captured {
  int code;
  std::string out, err;
};

Captured Dispatch(const std::vector<std::string>& argv) {
  std::istringstream in;
  std::ostringstream out, err;
  Io io{in, out, err};
  const int code = jpki::cli::Dispatch(argv, io);
  return {code, out.str(), err.str()};
}

TEST(Dispatch, LongestPrefixWins) {
  auto r = Dispatch({"testverb", "x", "--y"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(g_last_run, 1);
  EXPECT_EQ(g_last_argv, (std::vector<std::string>{"x", "--y"}));
  EXPECT_EQ(r.out, "ran\n");
  r = Dispatch({"testverb", "sub", "z"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(g_last_run, 2);
  EXPECT_EQ(g_last_argv, std::vector<std::string>{"z"});
}

TEST(Dispatch, HelpAndUnknown) {
  auto none = Dispatch({});
  EXPECT_EQ(none.code, kExitUsage);
  EXPECT_NE(none.out.find("jpki testverb"), std::string::npos);
  auto help = Dispatch({"--help"});
  EXPECT_EQ(help.code, kExitOk);
  EXPECT_NE(help.out.find("testverb sub"), std::string::npos);
  auto verb_help = Dispatch({"testverb", "sub", "--help"});
  EXPECT_EQ(verb_help.code, kExitOk);
  EXPECT_EQ(verb_help.out, "usage: jpki testverb sub \n");
  auto unknown = Dispatch({"nope"});
  EXPECT_EQ(unknown.code, kExitUsage);
  EXPECT_EQ(unknown.err.rfind("error: unknown verb 'nope'", 0), 0u);
}

TEST(ErrorLines, Conventions) {
  std::istringstream in;
  std::ostringstream out, err;
  Io io{in, out, err};
  EXPECT_EQ(UsageError(io, "bad"), kExitUsage);
  EXPECT_EQ(StatusError(io, MakeError(ErrorCode::kMalformedInput, "asn1", "x at offset 3")), kExitUsage);
  EXPECT_EQ(Invalid(io, "bad signature"), kExitRejected);
  EXPECT_EQ(Rejected(io, "expired: x"), kExitRejected);
  EXPECT_EQ(err.str(), "error: bad\nerror: asn1: x at offset 3\ninvalid: bad signature\nrejected: expired: x\n");
  EXPECT_TRUE(out.str().empty());
}

}  // namespace
}  // namespace jpki::cli
