package io.carepulse.tools.devdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConvertHvbCommandTest {

  @Test
  void writesOneReplayFilePerCallAnIndexTheLicenseAndANotice(@TempDir Path dir) throws IOException {
    Path input = dir.resolve("hvb/calls.jsonl");
    Files.createDirectories(input.getParent());
    String call = """
        {"sid":"s1","agentName":"Linda","callerName":"Sam Jones","tasks":[],"callerSurvey":{},"segments":[
        {"index":1,"speaker":"agent","startMs":0,"durationMs":900,"text":"hello","emotion":[0.1,0.3,0.6]},
        {"index":2,"speaker":"caller","startMs":1000,"durationMs":900,"text":"hi there","emotion":[0.1,0.3,0.6]}]}"""
        .replace("\n", "");
    Files.writeString(input, call + "\n" + call.replace("\"s1\"", "\"s2\"") + "\n");
    Files.writeString(input.getParent().resolve("LICENSE"), "Apache License");
    Path output = dir.resolve("out");

    int status = new CommandLine(new DevDataCommand()).execute("convert-hvb", "--input", input.toString(),
        "--output", output.toString(), "--with-emotion");

    assertThat(status).isZero();
    assertThat(Files.readAllLines(output.resolve("index.txt"))).containsExactly("s1.jsonl", "s2.jsonl");
    List<String> lines = Files.readAllLines(output.resolve("s2.jsonl"));
    assertThat(lines).extracting(line -> new JsonObject(line).getString("type"))
        .containsExactly("call.start", "utterance", "utterance", "emotion", "call.end");
    assertThat(Files.readString(output.resolve("LICENSE"))).isEqualTo("Apache License");
    assertThat(Files.readString(output.resolve("NOTICE"))).contains("Harper Valley Bank")
        .contains("Wu, Nafziger, Scodary & Maas").contains("converted").contains("emotion");
  }
}
