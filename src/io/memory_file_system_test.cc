#include "io/memory_file_system.h"

#include <gtest/gtest.h>

#include "io/fault_injection_file_system.h"

namespace runnel::io {
namespace {

std::vector<std::string> Names(const std::vector<FileInfo>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.path + (f.is_directory ? "/" : ""));
  return out;
}

TEST(MemoryFileSystemTest, FilesAndDirectories) {
  auto fs = MemoryFileSystem::Make();
  ASSERT_TRUE(fs->WriteFile("/r/a/x", "xx", false).ok());
  ASSERT_TRUE(fs->WriteFile("/r/a-b", "y", false).ok());
  ASSERT_TRUE(fs->CreateDirectories("/r/empty").ok());
  EXPECT_EQ(fs->ReadFile("/r/a/x").ValueOrDie(), "xx");
  EXPECT_EQ(fs->ReadRange("/r/a/x", 1, 5).ValueOrDie(), "x");
  EXPECT_FALSE(fs->ReadFile("/r/missing").ok());
  EXPECT_TRUE(fs->Stat("/r/a").ValueOrDie().is_directory);
  // Sorted by path: "/r/a" before "/r/a-b".
  EXPECT_EQ(Names(fs->ListDirectory("/r").ValueOrDie()),
            (std::vector<std::string>{"/r/a/", "/r/a-b", "/r/empty/"}));
  EXPECT_EQ(Names(fs->ListFiles("/r").ValueOrDie()), (std::vector<std::string>{"/r/a-b", "/r/a/x"}));

  ASSERT_TRUE(fs->Rename("/r/a", "/r/c").ok());
  EXPECT_EQ(fs->ReadFile("/r/c/x").ValueOrDie(), "xx");
  EXPECT_FALSE(fs->Exists("/r/a").ValueOrDie());
  ASSERT_TRUE(fs->WriteFileAtomic("/r/c/x", "new").ok());
  EXPECT_EQ(fs->ReadFile("/r/c/x").ValueOrDie(), "new");
  ASSERT_TRUE(fs->DeleteRecursively("/r/c").ok());
  EXPECT_FALSE(fs->Exists("/r/c/x").ValueOrDie());
  EXPECT_TRUE(fs->Exists("/r/a-b").ValueOrDie());
}

TEST(FaultInjectionFileSystemTest, FailsTheNextOperationOfAKind) {
  auto fs = FaultInjectionFileSystem::Make(MemoryFileSystem::Make());
  fs->FailNext(FaultInjectionFileSystem::Op::kRename);
  ASSERT_TRUE(fs->WriteFile("/d/f", "data", true).ok());
  Status st = fs->WriteFileAtomic("/d/g", "data");
  EXPECT_EQ(st.code(), StatusCode::kIO);
  EXPECT_FALSE(fs->Exists("/d/g").ValueOrDie());
  EXPECT_TRUE(fs->WriteFileAtomic("/d/g", "data").ok());  // once only

  fs->FailNext(FaultInjectionFileSystem::Op::kWrite);
  EXPECT_FALSE(fs->WriteFile("/d/h", "abcdef", false).ok());
  EXPECT_EQ(fs->ReadFile("/d/h").ValueOrDie(), "abc");  // a torn write
}

TEST(FaultInjectionFileSystemTest, FailAfterStopsEveryLaterOperation) {
  auto fs = FaultInjectionFileSystem::Make(MemoryFileSystem::Make());
  fs->FailAfter(1);
  EXPECT_TRUE(fs->WriteFile("/d/a", "1", false).ok());
  EXPECT_FALSE(fs->WriteFile("/d/b", "2", false).ok());
  EXPECT_FALSE(fs->Delete("/d/a").ok());
  EXPECT_EQ(fs->num_operations(), 3);
  fs->ClearFaults();
  EXPECT_TRUE(fs->Delete("/d/a").ok());
}

TEST(FaultInjectionFileSystemTest, CrashDropsWhatWasNotMadeDurable) {
  auto base = MemoryFileSystem::Make();
  ASSERT_TRUE(base->WriteFile("/d/old", "before", false).ok());  // existed before: durable
  auto fs = FaultInjectionFileSystem::Make(base);
  ASSERT_TRUE(fs->WriteFileAtomic("/d/atomic", "kept").ok());
  ASSERT_TRUE(fs->WriteFile("/d/renamed", "x", true).ok());
  ASSERT_TRUE(fs->SyncDirectory("/d").ok());
  ASSERT_TRUE(fs->WriteFile("/d/unsynced", "lost", false).ok());
  ASSERT_TRUE(fs->WriteFile("/d/synced-no-dir-sync", "lost", true).ok());
  ASSERT_TRUE(fs->WriteFile("/d/old", "unsynced overwrite", false).ok());
  ASSERT_TRUE(fs->Rename("/d/renamed", "/d/renamed-to").ok());
  ASSERT_TRUE(fs->WriteFile("/e/torn", "never synced", false).ok());
  ASSERT_TRUE(fs->SyncDirectory("/e").ok());
  ASSERT_TRUE(fs->Crash().ok());
  EXPECT_EQ(base->ReadFile("/d/atomic").ValueOrDie(), "kept");
  EXPECT_EQ(base->ReadFile("/d/old").ValueOrDie(), "before");
  EXPECT_EQ(base->ReadFile("/d/renamed").ValueOrDie(), "x");
  EXPECT_FALSE(base->Exists("/d/renamed-to").ValueOrDie());
  EXPECT_FALSE(base->Exists("/d/unsynced").ValueOrDie());
  EXPECT_FALSE(base->Exists("/d/synced-no-dir-sync").ValueOrDie());
  EXPECT_EQ(base->ReadFile("/e/torn").ValueOrDie(), "");  // its name survived, its content did not
}

}  // namespace
}  // namespace runnel::io
