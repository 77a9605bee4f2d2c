package io.pretext.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
  private final SentenceSplitter splitter = new SentenceSplitter(3);

  @Test
  void splitsAtStopsBeforeCapitalsAndDigits() {
    assertEquals(List.of("I am an instructor.", "You are a student!", "Is it 1790 now?", "\"2021 is later,\" he said."),
        splitter.split("I am an instructor. You are a student! Is it 1790 now? \"2021 is later,\" he said."));
  }

  @Test
  void initialsAbbreviationsAndInitialismsDoNotEndSentences() {
    assertEquals(List.of("Mr. Smith met John F. Kennedy in the U.S. Senate today.", "Then they left for Jan. talks."),
        splitter.split("Mr. Smith met John F. Kennedy in the U.S. Senate today. Then they left for Jan. talks."));
  }

  @Test
  void lowerCaseContinuationsAndShortFragmentsAreNotSentences() {
    assertEquals(List.of("We grew by 3.5 percent. and more in the year.", "Thank you all very much."),
        splitter.split("We grew by 3.5 percent. and more in the year. (Applause.) Thank you all very much. Thank you."));
    assertEquals(List.of("(Applause.)", "Thank you."), new SentenceSplitter(0).split("(Applause.) Thank you."));
  }
}
