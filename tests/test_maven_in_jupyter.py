"""%maven through real Jupyter: a Maven repository made here, as a mirror of everything in a
settings.xml under a temporary home (the kernel's JVM is given that user.home), so nothing goes
to the network. The jars reach the class path, transitively, and the download shows one progress
bar updated in place.

Build first (`mvn -B -q package -DskipTests`), then run with /usr/bin/python3.
"""

import hashlib
import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile

from jupyter_client.manager import start_new_kernel

import kernel_env
from cell_client import execute

# groupId, artifactId, version, class, dependencies
ARTIFACTS = [("demo", "greeter-lib", "1.0", "demo.lib.Lib", []),
             ("demo", "greeter-app", "1.0", "demo.app.App", [("demo", "greeter-lib", "1.0")])]

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{0}</groupId><artifactId>{1}</artifactId><version>{2}</version>
  <dependencies>{3}</dependencies>
</project>
"""


def javac():
    java_home = os.environ.get("JAVA_HOME")
    return os.path.join(java_home, "bin", "javac") if java_home else "javac"


def with_sha1(path):
    with open(path, "rb") as content, open(path + ".sha1", "w") as checksum:
        checksum.write(hashlib.sha1(content.read()).hexdigest())


def publish(root, work, group, artifact, version, class_name, dependencies):
    """Writes the POM and a jar holding CLASS_NAME, whose name() returns its own name."""
    folder = os.path.join(root, group.replace(".", "/"), artifact, version)
    os.makedirs(folder)
    base = os.path.join(folder, "%s-%s" % (artifact, version))
    declared = "".join("<dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency>" % d
                       for d in dependencies)
    with open(base + ".pom", "w") as pom:
        pom.write(POM.format(group, artifact, version, declared))
    package, simple = class_name.rsplit(".", 1)
    source = os.path.join(work, simple + ".java")
    with open(source, "w") as java:
        java.write('package %s; public class %s { public String name() { return "%s"; } }' % (package, simple, class_name))
    subprocess.run([javac(), "-d", work, source], check=True)
    entry = class_name.replace(".", "/") + ".class"
    with zipfile.ZipFile(base + ".jar", "w") as jar:
        jar.write(os.path.join(work, entry), entry)
    with_sha1(base + ".pom")
    with_sha1(base + ".jar")


class MavenInJupyterTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.temp = tempfile.mkdtemp(prefix="slim4j-maven-")
        remote = os.path.join(cls.temp, "remote")
        work = os.path.join(cls.temp, "work")
        os.makedirs(work)
        for artifact in ARTIFACTS:
            publish(remote, work, *artifact)
        home = os.path.join(cls.temp, "home")
        os.makedirs(os.path.join(home, ".m2"))
        with open(os.path.join(home, ".m2", "settings.xml"), "w") as settings:
            settings.write("<settings><mirrors><mirror><id>test</id><mirrorOf>*</mirrorOf><url>file://%s/</url></mirror></mirrors></settings>"
                           % remote)
        cls.local = os.path.join(home, ".m2", "repository")
        env = dict(os.environ, JAVA_TOOL_OPTIONS="-Duser.home=" + home)
        cls.km, cls.kc = start_new_kernel(kernel_name=kernel_env.KERNEL_NAME, startup_timeout=120, env=env)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)
        shutil.rmtree(cls.temp, ignore_errors=True)

    def test_resolved_jars_are_usable_and_the_download_shows_one_bar(self):
        reply, outputs = execute(self.kc, "%maven demo:greeter-app:1.0")
        self.assertEqual("ok", reply["status"], reply)
        bar_id = [o["content"]["transient"]["display_id"] for o in outputs
                  if o["msg_type"] == "display_data" and "%maven:" in o["content"]["data"]["text/plain"]]
        self.assertEqual(1, len(bar_id), outputs)
        updates = [o["content"]["data"]["text/plain"] for o in outputs
                   if o["msg_type"] == "update_display_data" and o["content"]["transient"]["display_id"] == bar_id[0]]
        self.assertTrue(updates and updates[-1].endswith("downloaded") and "4 files" in updates[-1], updates)
        table = [o["content"]["data"]["text/plain"] for o in outputs
                 if o["msg_type"] == "display_data" and "coordinates" in o["content"]["data"]["text/plain"]]
        self.assertIn(os.path.join(self.local, "demo", "greeter-lib", "1.0", "greeter-lib-1.0.jar"), table[0])

        reply, outputs = execute(self.kc, 'new demo.lib.Lib().name() + " " + new demo.app.App().name()')
        self.assertEqual("ok", reply["status"], reply)
        self.assertEqual(["demo.lib.Lib demo.app.App"],
                         [o["content"]["data"]["text/plain"] for o in outputs if o["msg_type"] == "execute_result"])

    def test_an_unknown_artifact_is_one_line_and_the_kernel_goes_on(self):
        reply, _ = execute(self.kc, "%maven demo:nothing:1.0")
        self.assertEqual("error", reply["status"])
        self.assertEqual("%%maven: no artifact demo:nothing in test (file://%s/remote/); nothing was added to the class path"
                         % self.temp, reply["evalue"])
        reply, _ = execute(self.kc, "1 + 1")
        self.assertEqual("ok", reply["status"])


if __name__ == "__main__":
    unittest.main()
