@echo off
rem ebm: train, sample and evaluate energy-based models. Run "ebm --help".
rem Windows launcher (built, not tested in CI); the Linux script bin/ebm also picks OpenBLAS kernels.
setlocal
set "EBM_HOME=%~dp0.."
if not defined OMP_NUM_THREADS set "OMP_NUM_THREADS=1"
if not defined OMP_WAIT_POLICY set "OMP_WAIT_POLICY=PASSIVE"
set "VECTOR_OPTS=--add-modules jdk.incubator.vector"
if /I "%EBM_VECTOR_MATH%"=="off" set "VECTOR_OPTS="
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" %VECTOR_OPTS% -Xmx4g -Xmn64m -XX:+UseSerialGC %EBM_JAVA_OPTS% -Djava.awt.headless=true ^
  -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Debm.home="%EBM_HOME%" ^
  -Dlogback.configurationFile="%EBM_HOME%\conf\logback.xml" ^
  -cp "%EBM_HOME%\lib\*" org.ebm4j.runtime.cli.EbmCommand %*
exit /b %ERRORLEVEL%
