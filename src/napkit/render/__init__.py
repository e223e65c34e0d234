"""Text for people and files for programs: Markdown and number formats, findings output, the annual report, tracker and history text, exports."""
