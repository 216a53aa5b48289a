"""The official Jupyter kernel test suite (jupyter_kernel_test) against the parallel-lab kernel."""
import os
import unittest

import jupyter_kernel_test
import pytest


@pytest.mark.usefixtures("kernel_prefix")
class ParallelLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "parallel-lab"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    completion_samples = [{"text": "Math.ma", "matches": {"max("}}]
    complete_code_samples = ["1 + 1", "int x = 1;", "void f() {}", "for (int i = 0; i < 2; i++) { }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int f() {", 'String s = "a" +']
    invalid_code_samples = ["int x = );", "}"]
    code_display_data = [
        {"code": 'display(Table.create("t", IntColumn.create("a", 1, 2)))', "mime": "text/html"},
        {"code": 'display("plain")', "mime": "text/plain"},
    ]
    code_execute_result = [{"code": "6*7", "result": "42"}, {"code": '"a" + "b"', "result": "ab"}]
    code_history_pattern = "6*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_generate_error = 'throw new RuntimeException("boom");'

    @classmethod
    def setUpClass(cls):
        # The kernel_prefix fixture sets JUPYTER_PATH; unittest classes cannot take fixtures directly.
        assert "JUPYTER_PATH" in os.environ
        super().setUpClass()


@pytest.fixture(scope="module", autouse=True)
def _prefix(kernel_prefix):
    yield
